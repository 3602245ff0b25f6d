import { rm } from "node:fs/promises";
import path from "node:path";
import { expect, it, vi } from "vitest";
import { loadConfig } from "../../../src/config/load-config.js";
import { createManualClock } from "../../../src/domain/clock.js";
import { createApp } from "../../../src/runtime/app.js";
import { createPgBossQueue } from "../../../src/runtime/jobs/pg-boss-queue.js";
import { createLogger } from "../../../src/runtime/logger.js";
import { checkQueries } from "../../../src/runtime/query-check.js";
import { createWorker } from "../../../src/runtime/worker.js";
import { createPgliteClient } from "../../../src/store/postgres/pglite-client.js";
import { sampleConfig } from "../../fakes/sample-config.js";

const HOUR = 3_600_000;

it("runs the worker's loops on the pg-boss queue: first poll, digests, a message queued while idle, stop", async () => {
  const file = await sampleConfig();
  const loaded = await loadConfig(file, [checkQueries]);
  const clock = createManualClock("2026-01-15T02:00:00.000Z");
  const log = createLogger({ level: "silent", secrets: [], pretty: false });
  const sent: string[] = [];
  const app = createApp({ loaded, clock, log, senderFor: (target) => ({ send: async () => (sent.push(target), { platformMessageId: null }) }) });
  const client = await createPgliteClient();
  const errors: unknown[] = [];
  const queue = await createPgBossQueue({ client, schema: "boss", onError: (name, error) => errors.push([name, error]), onQueueError: (error) => errors.push(error) });
  const worker = createWorker({ app, config: loaded.config, log, now: () => clock.now(), tickMs: HOUR, queue, stopGraceMs: 500 });
  try {
    await worker.start();
    await worker.idle();
    expect(worker.pollHealth().lastCycleAt).not.toBeNull();
    const before = sent.length;
    await app.store.enqueue([{ key: "late", target: "slack:#late", group: "late", part: 0, payload: { kind: "text", text: "queued while idle" } }], clock.now().toISOString());
    // The next tick is an hour away: only the enqueue can have woken delivery.
    await vi.waitFor(() => expect(sent.slice(before)).toEqual(["slack:#late"]), { timeout: 10_000 });
  } finally {
    await worker.stop();
    await app.close();
    await client.close();
    await rm(path.dirname(file), { recursive: true, force: true });
  }
  expect(errors).toEqual([]);
});
