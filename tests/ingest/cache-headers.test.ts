import { describe, expect, it } from "vitest";
import { createManualClock } from "../../src/domain/clock.js";
import { cacheLifetimeMs } from "../../src/ingest/cache-lifetime.js";
import { serveFeed } from "../fakes/feed-server.js";
import { ingestHarness } from "../fakes/ingest-harness.js";

const MIN = 60_000;
const NOW = new Date("2026-01-20T00:00:00Z");
const feed = `<rss version="2.0"><channel><title>Wire</title><item><title>Story</title><guid>w-1</guid></item></channel></rss>`;

// Undated items keep the preferred interval (10 min); the longest allowed interval is 6 h.
const h = ingestHarness({ clock: createManualClock(NOW), defaultIntervalMs: 10 * MIN, minIntervalMs: 2 * MIN, maxIntervalMs: 360 * MIN });

const minutesToNextPoll = (nextPollAt: string | null) => (Date.parse(nextPollAt!) - NOW.getTime()) / MIN;

describe("caching headers as a lower bound on the next poll", () => {
  it.each([
    ["no caching headers", {}, 10],
    ["max-age shorter than the interval", { "cache-control": "public, max-age=120" }, 10],
    ["max-age of an hour", { "cache-control": "public, max-age=3600" }, 60],
    ["max-age less Age", { "cache-control": "max-age=3600", age: "1800" }, 30],
    ["max-age of a week, capped by the longest interval", { "cache-control": "max-age=604800" }, 360],
    ["Expires two hours after the server's Date", { expires: "Tue, 20 Jan 2026 02:00:00 GMT", date: "Tue, 20 Jan 2026 00:00:00 GMT" }, 120],
    ["max-age before Expires", { "cache-control": "max-age=2400", expires: "Tue, 20 Jan 2026 05:00:00 GMT" }, 40],
    ["no-cache beside max-age", { "cache-control": "no-cache, max-age=3600" }, 10],
    ["an Expires in the past", { expires: "Mon, 19 Jan 2026 00:00:00 GMT" }, 10],
    ["an unreadable Expires", { expires: "0" }, 10],
  ])("%s", async (name, headers, minutes) => {
    const path = `/cache-${name.replace(/\W+/g, "-")}.xml`;
    h.server.route(path, serveFeed({ body: feed, headers: headers as Record<string, string> }));
    const result = await h.ingester.poll({ id: "wire", url: h.server.url(path), weight: 1 }, null);
    expect(result.status).toBe("fetched");
    expect(minutesToNextPoll(result.state.nextPollAt)).toBe(minutes);
    expect(result.state.intervalMs).toBe(10 * MIN);
  });

  it("counts on a 304 too", async () => {
    h.server.route("/cache-304.xml", serveFeed({ body: feed, etag: '"v"', headers: { "cache-control": "max-age=5400" } }));
    const first = await h.ingester.poll({ id: "wire", url: h.server.url("/cache-304.xml"), weight: 1 }, null);
    const second = await h.ingester.poll({ id: "wire", url: h.server.url("/cache-304.xml"), weight: 1 }, first.state);
    expect(second.status).toBe("not-modified");
    expect(minutesToNextPoll(second.state.nextPollAt)).toBe(90);
  });

  it("reads the headers the way RFC 9111 does", () => {
    expect(cacheLifetimeMs({ "cache-control": 'max-age="60"' }, NOW)).toBe(60_000);
    expect(cacheLifetimeMs({ "cache-control": "s-maxage=600" }, NOW)).toBeUndefined();
    expect(cacheLifetimeMs({ "cache-control": "no-store", expires: "Tue, 20 Jan 2026 05:00:00 GMT" }, NOW)).toBeUndefined();
    expect(cacheLifetimeMs({ expires: "Tue, 20 Jan 2026 01:00:00 GMT" }, NOW)).toBe(60 * MIN);
  });
});
