import { describe, expect, it } from "vitest";
import { createManualClock } from "../../src/domain/clock.js";
import type { NewOutboxMessage, OutboxMessage } from "../../src/domain/outbound.js";
import { createOutboxRelay, DeliveryError, type OutboxRelayOptions, type Sender } from "../../src/outbox/index.js";
import { createSqliteStore, openDatabase } from "../../src/store/index.js";
import { alert, digestParts } from "./delivery-workload.js";

const quiet = { info: () => undefined, warn: () => undefined };
type Behaviour = (message: OutboxMessage) => void;

/** The relay with one stub sender per platform, over an in-memory SQLite outbox and a manual clock. */
function setup(behaviour: Behaviour, options: Partial<OutboxRelayOptions> = {}) {
  const store = createSqliteStore(openDatabase(":memory:"));
  const clock = createManualClock("2026-01-15T07:00:00.000Z");
  const sent: string[] = [];
  const calls: string[] = [];
  const notices: string[] = [];
  const sender: Sender = {
    async send(message) {
      calls.push(message.key);
      behaviour(message);
      sent.push(message.key);
      return { platformMessageId: `m${sent.length}` };
    },
  };
  const relay = (extra: Partial<OutboxRelayOptions> = {}) =>
    createOutboxRelay({
      store,
      clock,
      log: quiet,
      senderFor: () => sender,
      onTargetPaused: async (target, reason) => void notices.push(`${target}: ${reason}`),
      random: () => 0.5,
      ...options,
      ...extra,
    });
  const enqueue = (messages: NewOutboxMessage[]) => store.enqueue(messages, clock.now().toISOString());
  return { store, clock, sent, calls, notices, relay, enqueue };
}

const tokenRefused = new DeliveryError("permanent", "slack invalid_auth", { scope: "platform" });

describe("relay: a token refused stops the platform, not just the target", () => {
  it("keeps every message of the platform pending, tells the admin once, and goes on with other platforms", async () => {
    let revoked = false;
    const { relay, enqueue, store, sent, calls, notices } = setup((message) => {
      if (revoked && message.target.startsWith("slack:")) throw tokenRefused;
      if (message.key.endsWith(":1")) revoked = true;
    });
    const slack = [...digestParts("slack:#news", "d", 3), alert("slack:#desk", 1), alert("slack:#desk", 2)];
    const discord = [...digestParts("discord:1300000000000000001", "e", 3)];
    await enqueue([...slack, ...discord]);
    const platformPaused: string[] = [];
    const running = relay({ onPlatformPaused: async (platform, reason) => void platformPaused.push(`${platform}: ${reason}`) });
    await running.drain();
    await running.drain();

    expect(platformPaused).toEqual(["slack: slack invalid_auth"]);
    expect(notices).toEqual([]);
    expect(await store.listOutbox(["failed"])).toEqual([]);
    expect(await store.pausedTargets()).toEqual([]);
    // Only the first refused send reached the sender; the rest of Slack waited, Discord went on.
    expect(calls.filter((key) => !sent.includes(key))).toHaveLength(1);
    expect(sent.filter((key) => key.startsWith("digest:e"))).toHaveLength(3);
    const pending = await store.listOutbox(["pending"]);
    expect(pending.map((m) => m.key)).toEqual(slack.map((m) => m.key).filter((key) => !sent.includes(key)));
    expect(pending.find((m) => m.attempts > 0)?.lastError).toBe("slack invalid_auth");

    // After a restart with a working token, a new relay sends them all, in order.
    revoked = false;
    await relay().drain();
    expect(await store.listOutbox(["pending"])).toEqual([]);
    expect(sent.filter((key) => key.startsWith("digest:d"))).toEqual(digestParts("slack:#news", "d", 3).map((m) => m.key));
  });

  it("tells onTargetPaused with `<platform>:*` when no platform callback is given", async () => {
    const { relay, enqueue, notices } = setup(() => {
      throw tokenRefused;
    });
    await enqueue([alert("slack:#news", 1), alert("slack:#desk", 2)]);
    await relay().drain();
    expect(notices).toEqual(["slack:*: slack invalid_auth"]);
  });

  it("looks past more held targets than fit in one batch", async () => {
    const { relay, enqueue, sent } = setup((message) => {
      if (message.target.startsWith("slack:")) throw tokenRefused;
    });
    await enqueue([...Array.from({ length: 450 }, (_, i) => alert(`slack:C${i}`, i)), alert("discord:1300000000000000001", 999)]);
    await relay().drain();
    expect(sent).toEqual([alert("discord:1300000000000000001", 999).key]);
  });
});

describe("relay: rate limits and back-off", () => {
  it("never gives up on a message that is only rate limited", async () => {
    let limited = 6;
    const { relay, enqueue, store, clock, sent } = setup(
      () => {
        if (limited-- > 0) throw new DeliveryError("retry", "rate limited", { retryAfterMs: 1_000 });
      },
      { maxAttempts: 2 },
    );
    await enqueue(digestParts("slack:#news", "d", 2));
    const running = relay();
    for (let round = 0; round < 8; round += 1) {
      await running.drain();
      clock.advance(1_000);
    }
    expect(await store.listOutbox(["failed"])).toEqual([]);
    expect(sent).toEqual(digestParts("slack:#news", "d", 2).map((m) => m.key));
  });

  it("does not spin on a platform that keeps saying \"retry after 0\"", async () => {
    const { relay, enqueue, calls } = setup(() => {
      throw new DeliveryError("retry", "rate limited", { retryAfterMs: 0 });
    });
    await enqueue([alert("slack:#news", 1)]);
    await relay().drain();
    expect(calls).toHaveLength(1);
  });

  it("caps the back-off, however many attempts went before", async () => {
    let limited = 12;
    const { relay, enqueue, store, clock } = setup(
      () => {
        if (limited-- > 0) throw new DeliveryError("retry", "rate limited", { retryAfterMs: 1_000 });
        throw new DeliveryError("retry", "socket hang up");
      },
      { maxAttempts: 30, baseBackoffMs: 5_000, maxBackoffMs: 60_000 },
    );
    await enqueue([alert("slack:#news", 1)]);
    const running = relay();
    for (let round = 0; round <= 12; round += 1) {
      await running.drain();
      clock.advance(1_000);
    }
    const [message] = await store.listOutbox(["pending"]);
    expect(message?.attempts).toBe(13);
    expect(message?.lastError).toBe("socket hang up");
    // Jitter is fixed at 0.5, so the wait is 0.75 of the cap (5 s · 2^12 uncapped).
    expect(Date.parse(message?.nextAttemptAt ?? "") - (clock.now().getTime() - 1_000)).toBe(45_000);
  });
});
