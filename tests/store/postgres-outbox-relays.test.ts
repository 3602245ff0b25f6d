import { describe, expect, it } from "vitest";
import { createManualClock } from "../../src/domain/clock.js";
import type { OutboxMessage } from "../../src/domain/outbound.js";
import { createOutboxRelay, type Sender } from "../../src/outbox/index.js";
import { postgresKinds } from "../fakes/postgres-for-tests.js";
import { openStoreUnderTest } from "../fakes/store-engines.js";
import { message } from "./contract/store-fixtures.js";

const quiet = { info: () => undefined, warn: () => undefined };

describe.each(postgresKinds)("relays of several workers on one PostgreSQL outbox (%s)", (kind) => {
  it("deliver each message once, in order per target", async () => {
    const db = await openStoreUnderTest(kind);
    try {
      const clock = createManualClock("2026-01-14T09:00:00.000Z");
      const sent: string[] = [];
      // A slow platform: a send takes a few event-loop turns, so the relays overlap.
      const sender: Sender = {
        async send(m: OutboxMessage) {
          await new Promise((resolve) => setTimeout(resolve, 2));
          sent.push(m.key);
          return { platformMessageId: `p-${m.key}` };
        },
      };
      const relay = (store: typeof db.store) => createOutboxRelay({ store, senderFor: () => sender, clock, log: quiet, random: () => 0.5 });
      const targets = ["slack:#a", "slack:#b", "slack:#c"];
      await db.store.enqueue(targets.flatMap((target, t) => Array.from({ length: 6 }, (_, part) => message(`g${t}`, part, target))), clock.now().toISOString());

      const workers = [db.store, await db.another(), await db.another()].map(relay);
      const delivered = await Promise.all(workers.map((worker) => worker.drain()));

      expect(delivered.reduce((a, b) => a + b, 0)).toBe(18);
      expect(sent).toHaveLength(18);
      for (const t of [0, 1, 2]) expect(sent.filter((key) => key.startsWith(`g${t}:`))).toEqual(Array.from({ length: 6 }, (_, part) => `g${t}:${part}`));
      expect(await db.store.listOutbox(["pending", "failed"])).toEqual([]);
    } finally {
      await db.close();
    }
  });
});
