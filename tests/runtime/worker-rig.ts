import { readFile, writeFile } from "node:fs/promises";
import { loadConfig } from "../../src/config/load-config.js";
import { createManualClock, type Clock } from "../../src/domain/clock.js";
import type { OutboxMessage } from "../../src/domain/outbound.js";
import type { Sender } from "../../src/outbox/index.js";
import { createApp, type BriefingApp } from "../../src/runtime/app.js";
import { createInProcessQueue } from "../../src/runtime/jobs/in-process-queue.js";
import type { JobQueue } from "../../src/runtime/jobs/job-queue.js";
import { createLogger } from "../../src/runtime/logger.js";
import { checkQueries } from "../../src/runtime/query-check.js";
import { createWorker, type Worker } from "../../src/runtime/worker.js";
import { sampleConfig } from "../fakes/sample-config.js";

/** What happened, in order: the tests assert on this sequence, never on elapsed time. */
export type WorkerEvent =
  | { kind: "poll-started" | "poll-done"; n: number }
  | { kind: "sent"; target: string; text: string }
  | { kind: "printed" }
  | { kind: "job-failed"; text: string };

/** A Slack-like sender that holds every send until the test opens its gate (a platform as slow as the test wants). */
export function gatedSender(events: WorkerEvent[]) {
  const sent: OutboxMessage[] = [];
  let open = false;
  const waiting: Array<() => void> = [];
  const sender: Sender = {
    send: (message) =>
      new Promise((resolve) => {
        const go = () => {
          sent.push(message);
          events.push({ kind: "sent", target: message.target, text: message.payload.kind === "text" ? message.payload.text : "" });
          resolve({ platformMessageId: String(sent.length) });
        };
        if (open) go();
        else waiting.push(go);
      }),
  };
  return {
    sender,
    sent,
    inFlight: () => waiting.length,
    open() {
      open = true;
      waiting.splice(0).forEach((go) => go());
    },
  };
}

export interface WorkerRig {
  app: BriefingApp;
  worker: Worker;
  queue: JobQueue;
  clock: Clock & { advance(ms: number): void };
  events: WorkerEvent[];
  /** Makes the next poll cycles wait until `release` is called. */
  holdPolls(): { release(): void };
  close(): Promise<void>;
}

/**
 * The bundled sample config (three local feed files, a console digest) with a Slack sender the test
 * provides, a worker on a manual clock, and every poll cycle and send recorded in order.
 */
export async function startWorkerRig(options: { slack?: Sender; tickMs: number; clock?: Clock & { advance(ms: number): void } }): Promise<WorkerRig> {
  const file = await sampleConfig();
  await writeFile(file, (await readFile(file, "utf8")).replace("digests:\n", 'digests:\n  - { id: newsroom, to: "slack:#news", schedule: "0 9 * * 1-5", when_empty: note }\n'));
  const loaded = await loadConfig(file, [checkQueries]);
  const clock = options.clock ?? createManualClock("2026-01-15T02:00:00.000Z");
  const log = createLogger({ level: "silent", secrets: [], pretty: false });
  const events: WorkerEvent[] = [];
  const app = createApp({
    loaded,
    clock,
    log,
    senderFor: (target) =>
      target === "console" ? { send: async () => (events.push({ kind: "printed" }), { platformMessageId: null }) } : target.startsWith("slack:") ? (options.slack ?? null) : null,
  });
  let gate: Promise<void> | null = null;
  let polls = 0;
  const poll = app.poll.bind(app);
  app.poll = async (pollOptions) => {
    const n = ++polls;
    events.push({ kind: "poll-started", n });
    if (gate) await gate;
    const summary = await poll(pollOptions);
    events.push({ kind: "poll-done", n });
    return summary;
  };
  const queue = createInProcessQueue({ onError: (name, error) => events.push({ kind: "job-failed", text: `${name}: ${String(error)}` }), finishOnStop: ["plan-alerts"] });
  const worker = createWorker({ app, config: loaded.config, log, now: () => clock.now(), tickMs: options.tickMs, queue, stopGraceMs: 500 });
  return {
    app,
    worker,
    queue,
    clock,
    events,
    holdPolls() {
      let release: () => void = () => undefined;
      gate = new Promise((resolve) => (release = resolve));
      return {
        release: () => {
          gate = null;
          release();
        },
      };
    },
    async close() {
      await worker.stop();
      await app.close();
    },
  };
}

/** `count` alert-like text messages spread over `targets` Slack channels, queued in one go. */
export async function queueMessages(app: BriefingApp, count: number, targets: number, now: string): Promise<void> {
  const messages = Array.from({ length: count }, (_, n) => ({
    key: `bulk:${n}`,
    target: `slack:#bulk-${n % targets}`,
    group: `bulk:${n}`,
    part: 0,
    payload: { kind: "text" as const, text: `message ${n}` },
  }));
  await app.store.enqueue(messages, now);
}
