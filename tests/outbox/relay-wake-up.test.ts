import { describe, expect, it } from "vitest";
import { createManualClock } from "../../src/domain/clock.js";
import type { NewOutboxMessage } from "../../src/domain/outbound.js";
import { createOutboxRelay, DeliveryError } from "../../src/outbox/index.js";
import { createSqliteStore, openDatabase } from "../../src/store/index.js";

const quiet = { info: () => undefined, warn: () => undefined };
const msg = (target: string, n: number): NewOutboxMessage => ({ key: `${target}:${n}`, target, group: `${target}:${n}`, part: 0, payload: { kind: "text", text: `${n}` } });

function setup(fail: (target: string) => Error | null = () => null) {
  const store = createSqliteStore(openDatabase(":memory:"));
  const clock = createManualClock("2026-01-14T09:00:00.000Z");
  const sent: string[] = [];
  const relay = createOutboxRelay({
    store,
    clock,
    log: quiet,
    random: () => 0.5,
    senderFor: () => ({
      async send(message) {
        const error = fail(message.target);
        if (error) throw error;
        sent.push(message.key);
        return { platformMessageId: null };
      },
    }),
  });
  return { store, clock, relay, sent, now: () => clock.now().toISOString() };
}

describe("the relay's wake-up", () => {
  it("drains only the destinations it is given, each in order", async () => {
    const { store, relay, sent, now } = setup();
    await store.enqueue([msg("slack:#a", 0), msg("slack:#b", 0), msg("slack:#a", 1), msg("discord:1", 0)], now());
    expect(await relay.drain(undefined, ["slack:#a", "discord:1"])).toBe(3);
    expect(sent).toEqual(["slack:#a:0", "discord:1:0", "slack:#a:1"]);
    expect((await store.listOutbox(["pending"])).map((m) => m.key)).toEqual(["slack:#b:0"]);
  });

  it("says when the next message comes due: the head of each destination's queue, a stopped platform left out", async () => {
    const limited = new DeliveryError("retry", "ratelimited", { retryAfterMs: 1_000 });
    const revoked = new DeliveryError("permanent", "token_revoked", { scope: "platform" });
    const { store, clock, relay, now } = setup((target) => (target === "slack:#a" ? limited : target.startsWith("discord") ? revoked : null));
    expect(await relay.nextDueAt()).toBeNull();
    await store.enqueue([msg("slack:#a", 0), msg("slack:#a", 1), msg("discord:1", 0)], now());
    expect(await relay.nextDueAt()).toEqual(clock.now());
    await relay.drain();
    // #a waits one second behind its head; Discord's messages wait for a restart, not for a time.
    expect(await relay.nextDueAt()).toEqual(new Date(clock.now().getTime() + 1_000));
  });

  it("stops starting messages once its signal aborts, leaving them queued", async () => {
    const { store, relay, sent, now } = setup();
    await store.enqueue([msg("slack:#a", 0), msg("slack:#b", 0)], now());
    const stop = new AbortController();
    stop.abort();
    expect(await relay.drain(stop.signal)).toBe(0);
    expect(sent).toEqual([]);
    expect(await store.listOutbox(["pending"])).toHaveLength(2);
  });
});
