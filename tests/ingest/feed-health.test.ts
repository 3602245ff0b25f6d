import { describe, expect, it } from "vitest";
import type { FeedItem } from "../../src/domain/item.js";
import { emptySourceState } from "../../src/domain/source-state.js";
import { adaptInterval } from "../../src/ingest/adaptive-interval.js";
import { FetchError } from "../../src/ingest/fetch-error.js";
import { afterFailure, afterFetched, afterNotModified, isDue, pauseReason, type HealthPolicy } from "../../src/ingest/feed-health.js";

const MIN = 60_000;
const HOUR = 60 * MIN;
const NOW = new Date("2026-01-20T12:00:00Z");
const policy: HealthPolicy = { minMs: 2 * MIN, maxMs: 6 * HOUR, preferredMs: 10 * MIN, pauseAfterFailures: 3, pauseMs: 24 * HOUR, maxBackoffMs: 6 * HOUR, random: () => 0.5 };
const fresh = emptySourceState("wire", "https://wire.example/feed");
const later = (ms: number) => new Date(NOW.getTime() + ms);
const item = (minutesAgo: number): FeedItem => ({
  id: String(minutesAgo), sourceId: "wire", guid: null, link: null, url: null, title: "t", summary: "", content: "", author: null, language: null,
  publishedAt: new Date(NOW.getTime() - minutesAgo * MIN).toISOString(), dateMissing: false,
});

describe("failures", () => {
  it("backs off exponentially with jitter, then pauses with a reason, then resumes on its own", () => {
    const serverDown = new FetchError("http-5xx", "the server failed (500)", { status: 500 });
    let state = afterFailure(fresh, serverDown, NOW, policy);
    // interval 10 min, equal jitter at random 0.5: 5 + 2.5 minutes.
    expect(state).toMatchObject({ consecutiveFailures: 1, nextPollAt: later(7.5 * MIN).toISOString(), pausedUntil: null });
    state = afterFailure(state, serverDown, NOW, policy);
    expect(state.nextPollAt).toBe(later(15 * MIN).toISOString());
    state = afterFailure(state, serverDown, NOW, policy);
    expect(state).toMatchObject({ consecutiveFailures: 3, pausedUntil: later(24 * HOUR).toISOString(), lastError: "the server failed (500)" });
    expect(pauseReason(state)).toContain("paused after 3 failed polls in a row (the server failed (500))");
    expect(isDue(state, fresh.location, later(23 * HOUR))).toBe(false);
    expect(isDue(state, fresh.location, later(24 * HOUR))).toBe(true);
    const recovered = afterNotModified(state, { etag: null, lastModified: null }, later(24 * HOUR), policy);
    expect(recovered).toMatchObject({ consecutiveFailures: 0, pausedUntil: null, lastError: null });
  });

  it.each([
    [0, 5 * MIN],
    [0.999, 10 * MIN],
  ])("spreads retries with jitter (random %s → %i ms)", (random, expected) => {
    const state = afterFailure(fresh, new FetchError("timeout", "slow"), NOW, { ...policy, random: () => random });
    expect(Date.parse(state.nextPollAt!) - NOW.getTime()).toBeCloseTo(expected, -3);
  });

  it("pauses at once on 410 Gone", () => {
    const state = afterFailure(fresh, new FetchError("http-4xx", "gone", { status: 410 }), NOW, policy);
    expect(state.pausedUntil).toBe(later(24 * HOUR).toISOString());
  });

  it.each([
    ["429 with Retry-After", new FetchError("http-429", "slow down", { status: 429, retryAfterMs: HOUR })],
    ["503 with Retry-After", new FetchError("http-5xx", "unavailable", { status: 503, retryAfterMs: HOUR })],
  ])("obeys %s and does not count it as a strike", (_name, error) => {
    const state = afterFailure({ ...fresh, consecutiveFailures: 2 }, error, NOW, policy);
    expect(state).toMatchObject({ consecutiveFailures: 2, nextPollAt: later(HOUR).toISOString(), pausedUntil: null });
  });

  it("is due again when the feed moves to a new location", () => {
    const paused = { ...fresh, pausedUntil: later(HOUR).toISOString(), nextPollAt: later(HOUR).toISOString() };
    expect(isDue(paused, "https://wire.example/new-feed", NOW)).toBe(true);
  });
});

describe("adaptive interval", () => {
  it.each([
    ["20 posts in the last day", Array.from({ length: 20 }, (_, i) => item(i * 70 + 10)), 33.5 * MIN],
    ["one post a minute", Array.from({ length: 50 }, (_, i) => item(i)), 2 * MIN],
    ["nothing this week", [item(8 * 24 * 60)], 6 * HOUR],
    ["no dates at all", [{ ...item(0), dateMissing: true }], 10 * MIN],
  ])("%s", (_name, items, expected) => {
    expect(adaptInterval(items, NOW, 10 * MIN, policy)).toBeCloseTo(expected, -4);
  });

  it("stretches after a 304 and records the success", () => {
    const state = afterNotModified({ ...fresh, intervalMs: 10 * MIN }, { etag: '"a"', lastModified: null }, NOW, policy);
    expect(state).toMatchObject({ intervalMs: 12.5 * MIN, etag: '"a"', lastSuccessAt: NOW.toISOString() });
  });

  it("remembers validators and the first poll", () => {
    const state = afterFetched(fresh, { etag: '"v"', lastModified: "x", items: [item(30)] }, NOW, policy);
    expect(state).toMatchObject({ etag: '"v"', lastModified: "x", firstPolledAt: NOW.toISOString(), intervalMs: 15 * MIN });
  });
});
