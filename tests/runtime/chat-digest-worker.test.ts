import { afterEach, describe, expect, it, vi } from "vitest";
import type { OutboxMessage } from "../../src/domain/outbound.js";
import { createManualClock } from "../../src/domain/clock.js";
import { parseConfigText } from "../../src/config/load-config.js";
import { createApp, type BriefingApp } from "../../src/runtime/app.js";
import { createLogger } from "../../src/runtime/logger.js";
import { createWorker, type Worker } from "../../src/runtime/worker.js";
import { readFile } from "node:fs/promises";
import { sampleConfig } from "../fakes/sample-config.js";

let running: { worker: Worker; app: BriefingApp } | null = null;
afterEach(async () => {
  await running?.worker.stop();
  await running?.app.close();
  running = null;
});

describe("the worker and digests set up from chat", () => {
  it("posts a channel digest made in chat on its tick, without a reload, once per slot, and stops when it is switched off", async () => {
    const file = await sampleConfig();
    const loaded = parseConfigText(await readFile(file, "utf8"), file);
    const clock = createManualClock("2026-01-15T02:00:00.000Z");
    const sent: OutboxMessage[] = [];
    const slack = { send: async (message: OutboxMessage) => (sent.push(message), { platformMessageId: `m${sent.length}` }) };
    const app = createApp({ loaded, clock, log: createLogger({ level: "silent", secrets: [], pretty: false }), senderFor: (target) => (target.startsWith("slack:") ? slack : null), databaseFile: ":memory:" });
    const worker = createWorker({ app, config: loaded.config, log: createLogger({ level: "silent", secrets: [], pretty: false }), now: () => clock.now(), tickMs: 20 });
    running = { worker, app };
    await worker.start();
    expect(sent).toEqual([]);

    const by = { actor: "slack:UADMIN", at: clock.now().toISOString() };
    await app.store.setChannelDigest({ tenantId: "default", target: "slack:C0CHAT", schedule: "0 9 * * *", topics: [], timeZone: "UTC" }, by);
    // A digest that never ran posts at once, on the next tick.
    await vi.waitFor(() => expect(sent.map((m) => m.target)).toContain("slack:C0CHAT"), { timeout: 5_000 });
    const first = sent.length;
    expect(sent.every((m) => m.group.startsWith("digest:chat:slack:C0CHAT:"))).toBe(true);

    // Further ticks before the next slot post nothing more.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sent).toHaveLength(first);

    // Past 09:00 the next one is due and comes on a tick.
    clock.advance(8 * 3_600_000);
    await vi.waitFor(() => expect(new Set(sent.map((m) => m.group)).size).toBe(2), { timeout: 5_000 });
    const second = sent.length;

    // Switched off, the next day's never comes, though ticks go on.
    await app.store.removeChannelDigest("default", "slack:C0CHAT", by);
    clock.advance(24 * 3_600_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sent).toHaveLength(second);
  });
});
