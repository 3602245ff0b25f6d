import { readFile, writeFile } from "node:fs/promises";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load-config.js";
import { createManualClock } from "../../src/domain/clock.js";
import type { OutboxMessage } from "../../src/domain/outbound.js";
import { createApp, type BriefingApp } from "../../src/runtime/app.js";
import { createConfigReloader } from "../../src/runtime/operations/config-reloader.js";
import { checkQueries } from "../../src/runtime/query-check.js";
import { createWorker, type Worker } from "../../src/runtime/worker.js";
import { createCapturedLog } from "../fakes/captured-log.js";
import { sampleConfig } from "../fakes/sample-config.js";
import type { Logger } from "../../src/runtime/logger.js";

/** A Slack sender that holds each message until the test lets it go: deliveries in flight. */
function gatedSender() {
  const sent: OutboxMessage[] = [];
  const waiting: Array<() => void> = [];
  let arrived: () => void = () => undefined;
  return {
    sent,
    sender: {
      send: (message: OutboxMessage) =>
        new Promise<{ platformMessageId: string }>((resolve) => {
          waiting.push(() => {
            sent.push(message);
            resolve({ platformMessageId: `${sent.length}` });
          });
          arrived();
        }),
    },
    /** Resolves once a send is waiting. */
    inFlight: () => new Promise<void>((resolve) => (waiting.length > 0 ? resolve() : (arrived = resolve))),
    releaseAll: () => waiting.splice(0).forEach((go) => go()),
  };
}

const running: Array<{ worker: Worker; app: BriefingApp; slack: ReturnType<typeof gatedSender> }> = [];
afterEach(async () => {
  for (const { worker, app, slack } of running.splice(0)) {
    slack.releaseAll();
    await worker.stop();
    await app.close();
  }
});

async function setUp() {
  const file = await sampleConfig();
  const original = await readFile(file, "utf8");
  const withSlack = original.replace("digests:\n", 'digests:\n  - { id: newsroom, to: "slack:#news", schedule: "0 9 * * 1-5", when_empty: note }\n');
  await writeFile(file, withSlack);
  const clock = createManualClock("2026-01-15T02:00:00.000Z");
  const log = createCapturedLog();
  const slack = gatedSender();
  const printed: string[] = [];
  const load = () => loadConfig(file, [checkQueries]);
  const loaded = await load();
  const asLogger = log as unknown as Logger;
  Object.assign(log, { child: () => log });
  const app = createApp({
    loaded,
    clock,
    log: asLogger,
    senderFor: (target) => (target === "console" ? { send: async (m) => (printed.push(JSON.stringify(m.payload)), { platformMessageId: null }) } : target.startsWith("slack:") ? slack.sender : null),
  });
  const worker = createWorker({ app, config: loaded.config, log: asLogger, now: () => clock.now(), tickMs: 3_600_000 });
  running.push({ worker, app, slack });
  const reload = createConfigReloader({ load, apply: (config) => worker.reload(config), current: () => app.config, log: asLogger });
  return { file, withSlack, app, worker, slack, printed, reload, log };
}

describe("config reload", () => {
  it("applies a good config while a delivery is in flight, keeps queued digests, and schedules the new digest", async () => {
    const { file, withSlack, app, worker, slack, printed, reload, log } = await setUp();
    const starting = worker.start();
    await slack.inFlight();
    const queued = await app.store.listOutbox(["pending"]);
    expect(queued.map((message) => message.target)).toContain("slack:#news");

    await writeFile(
      file,
      withSlack
        .replace("sources:\n", `sources:\n  - { id: extra-wire, path: ${JSON.stringify(app.config.sources[0]!.path)} , weight: 0.5 }\n`)
        .replace("topics:\n", "topics:\n  - { id: quantum, name: Quantum, query: 'quantum' }\n")
        .replace("digests:\n", 'digests:\n  - { id: evening, to: console, schedule: "0 18 * * *", when_empty: note }\n'),
    );
    // Delivery is a loop of its own: the reload does not wait for the message in flight.
    expect(await reload()).toEqual({ ok: true, restartNeededFor: [] });
    expect(slack.sent).toEqual([]);
    slack.releaseAll();
    await starting;
    expect(app.config.sources.map((source) => source.id)).toContain("extra-wire");
    expect(app.config.topics.map((topic) => topic.id)).toContain("quantum");
    expect(app.config.digests.map((digest) => digest.id)).toEqual(["evening", "newsroom", "daily"]);

    // The message in flight went out once; the digest added by the reload ran at once, as a new one does.
    await worker.idle();
    await worker.stop();
    expect(slack.sent.map((message) => message.target)).toEqual(["slack:#news"]);
    expect(await app.store.getDigestMark("evening")).not.toBeNull();
    expect(printed.length).toBeGreaterThanOrEqual(2);
    expect(await app.store.listOutbox(["pending", "failed"])).toEqual([]);
    expect(log.entries.find((entry) => entry.message === "config reloaded")?.fields).toMatchObject({ sources: 4, topics: 4, digests: 3 });
  });

  it("refuses a bad config with every problem, keeps the running one, and still delivers the queued digest", async () => {
    const { file, withSlack, app, worker, slack, reload, log } = await setUp();
    const starting = worker.start();
    await slack.inFlight();
    const before = app.config;

    await writeFile(file, withSlack.replace("every: 10m", "every: soon").replace("policy-wire.xml, weight: 1.0", "policy-wire.xml, weight: 99"));
    const outcome = await reload();
    expect(outcome.ok).toBe(false);
    const errors = outcome.ok ? [] : outcome.errors;
    expect(errors.some((error) => error.startsWith("poll.every:"))).toBe(true);
    expect(errors.some((error) => error.startsWith("sources[0].weight:"))).toBe(true);
    expect(app.config).toBe(before);
    const refused = log.entries.find((entry) => entry.message === "config refused; the running config stays in effect");
    expect(refused?.level).toBe("error");
    expect(refused?.fields).toMatchObject({ errors });

    slack.releaseAll();
    await starting;
    await worker.idle();
    await worker.stop();
    expect(slack.sent.map((message) => message.target)).toEqual(["slack:#news"]);
    expect(await app.store.listOutbox(["pending", "failed"])).toEqual([]);
  });

  it("names settings that only a restart applies", async () => {
    const { file, withSlack, worker, slack, reload } = await setUp();
    const starting = worker.start();
    await slack.inFlight();
    slack.releaseAll();
    await starting;
    await writeFile(file, withSlack.replace("every: 10m", "every: 5m"));
    expect(await reload()).toEqual({ ok: true, restartNeededFor: ["poll"] });
  });
});
