import { afterEach, describe, expect, it } from "vitest";
import { createManualClock } from "../../src/domain/clock.js";
import type { NewOutboxMessage, OutboxMessage } from "../../src/domain/outbound.js";
import { createOutboxRelay, DeliveryError, type Sender } from "../../src/outbox/index.js";
import { openStoreUnderTest, storeEngines, type StoreEngine, type StoreUnderTest } from "../fakes/store-engines.js";

const quiet = { info: () => undefined, warn: () => undefined };

const opened: StoreUnderTest[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.close()));
});

async function setup(engine: StoreEngine, behaviour: (message: OutboxMessage, call: number) => void = () => undefined) {
  const db = await openStoreUnderTest(engine);
  opened.push(db);
  const { store } = db;
  const clock = createManualClock("2026-01-14T09:00:00.000Z");
  const delivered: Array<{ key: string; attempts: number }> = [];
  const paused: Array<{ target: string; reason: string }> = [];
  let calls = 0;
  const sender: Sender = {
    async send(message) {
      calls += 1;
      behaviour(message, calls);
      delivered.push({ key: message.key, attempts: message.attempts });
      return { platformMessageId: `m-${calls}` };
    },
  };
  const relay = createOutboxRelay({
    store,
    clock,
    log: quiet,
    senderFor: (target) => (target.startsWith("slack:") ? sender : null),
    onTargetPaused: async (target, reason) => void paused.push({ target, reason }),
    random: () => 0.5,
  });
  const enqueue = (messages: NewOutboxMessage[]) => store.enqueue(messages, clock.now().toISOString());
  return { store, clock, relay, delivered, paused, enqueue };
}

const msg = (target: string, group: string, part: number): NewOutboxMessage => ({
  key: `${group}:${part}`,
  target,
  group,
  part,
  payload: { kind: "text", text: `${group}/${part}` },
});

describe.each(storeEngines)("outbox relay on the %s store", (engine) => {
  it("delivers every message once, in order per target", async () => {
    const { relay, delivered, enqueue } = await setup(engine);
    await enqueue([msg("slack:#a", "d1", 0), msg("slack:#b", "x", 0), msg("slack:#a", "d1", 1), msg("slack:#a", "d1", 2)]);
    expect(await relay.drain()).toBe(4);
    expect(await relay.drain()).toBe(0);
    expect(delivered.filter((d) => d.key.startsWith("d1")).map((d) => d.key)).toEqual(["d1:0", "d1:1", "d1:2"]);
  });

  it("waits out a 429's Retry-After and keeps the channel's order", async () => {
    const { relay, delivered, enqueue, clock } = await setup(engine, (message, call) => {
      if (call === 1) throw new DeliveryError("retry", "rate limited", { retryAfterMs: 30_000 });
    });
    await enqueue([msg("slack:#a", "g", 0), msg("slack:#a", "g", 1)]);
    expect(await relay.drain()).toBe(0);
    clock.advance(29_000);
    expect(await relay.drain()).toBe(0);
    clock.advance(1_000);
    expect(await relay.drain()).toBe(2);
    expect(delivered.map((d) => d.key)).toEqual(["g:0", "g:1"]);
    expect(delivered[0]!.attempts).toBe(1);
  });

  it("pauses a target on a permanent error, tells the admin once, and stops trying it", async () => {
    const { relay, enqueue, store, paused } = await setup(engine, (message) => {
      if (message.target === "slack:#gone") throw new DeliveryError("permanent", "channel_not_found");
    });
    await enqueue([msg("slack:#gone", "a", 0), msg("slack:#gone", "b", 0), msg("slack:#ok", "c", 0)]);
    expect(await relay.drain()).toBe(1);
    expect(paused).toEqual([{ target: "slack:#gone", reason: "channel_not_found" }]);
    const failed = await store.listOutbox(["failed"]);
    expect(failed.map((m) => m.key)).toEqual(["a:0", "b:0"]);
    expect(failed[0]!.attempts).toBe(1);
    expect(failed[1]!.attempts).toBe(0);
    expect(failed[1]!.lastError).toMatch(/target paused: channel_not_found/);
  });

  it("fails a message for a target with no platform instead of retrying forever", async () => {
    const { relay, enqueue, store } = await setup(engine);
    await enqueue([msg("discord:123456789012345678", "a", 0)]);
    expect(await relay.drain()).toBe(0);
    expect((await store.listOutbox(["failed"]))[0]?.lastError).toMatch(/no platform is configured/);
  });

  it("gives up after the attempt limit with the last reason", async () => {
    const { relay, enqueue, store, clock } = await setup(engine, () => {
      throw new DeliveryError("retry", "socket hang up");
    });
    await enqueue([msg("slack:#a", "a", 0)]);
    for (let round = 0; round < 10; round += 1) {
      await relay.drain();
      clock.advance(3_600_000);
    }
    const [failed] = await store.listOutbox(["failed"]);
    expect(failed?.attempts).toBe(8);
    expect(failed?.lastError).toMatch(/gave up after 8 attempts: socket hang up/);
  });

  it("counts the attempt before sending, so a message found pending after a crash is known to be in doubt", async () => {
    const { relay, enqueue, store } = await setup(engine, () => {
      throw new Error("process killed mid-send");
    });
    await enqueue([msg("slack:#a", "a", 0)]);
    await relay.drain();
    const [pending] = await store.listOutbox(["pending"]);
    expect(pending?.attempts).toBe(1);
  });
});
