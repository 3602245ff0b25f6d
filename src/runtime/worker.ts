import type { BriefingConfig } from "../config/config-schema.js";
import type { BriefingApp } from "./app.js";
import { digestIdOf } from "./digest-job.js";
import { inProcessQueue } from "./jobs/job-queue-for.js";
import type { JobQueue } from "./jobs/job-queue.js";
import { scheduleDigests, type DigestSchedule } from "./jobs/schedule-digests.js";
import type { Logger } from "./logger.js";

export interface WorkerOptions {
  app: BriefingApp;
  config: BriefingConfig;
  log: Logger;
  now: () => Date;
  /** How often due sources are looked for; also the fallback wake-up of delivery. */
  tickMs?: number;
  /** Where jobs are queued and taken; in-process unless given. */
  queue?: JobQueue;
  /** How long `stop` waits for the jobs in hand before leaving them. Default 4 s. */
  stopGraceMs?: number;
}

export interface Worker {
  /** Starts the loops; resolves once the first poll cycle is done and digests are scheduled. */
  start(): Promise<void>;
  /**
   * Stops within the grace: no new job starts, polls under way are cut short (what they read is
   * stored, the rest stays due), sends in hand finish and are recorded, queued messages stay queued.
   */
  stop(): Promise<void>;
  /**
   * Applies a validated config between polls and digests (delivery goes on): digests are scheduled
   * anew, sources and topics take effect from the next poll. Queued and in-flight messages are untouched.
   */
  reload(config: BriefingConfig): Promise<void>;
  /** When the last poll cycle finished, and the interval between looks for due sources. */
  pollHealth(): { lastCycleAt: Date | null; tickMs: number };
  /** Resolves once no job is waiting or running (tests, and `briefing run` shutting down tidily). */
  idle(): Promise<void>;
}

const MIN_WAKE_MS = 50;

/**
 * The long-running part of `briefing run`: independent loops over one job queue. Polls run one cycle
 * at a time on a tick; digests run on their cron slots; delivery wakes when a message is queued and
 * when the next retry comes due. None of them waits for another.
 */
export function createWorker(options: WorkerOptions): Worker {
  const { app, log } = options;
  const tickMs = options.tickMs ?? Math.min(options.config.poll.every, 30_000);
  const queue = options.queue ?? inProcessQueue(log);
  let digests: DigestSchedule | null = null;
  let tickTimer: NodeJS.Timeout | null = null;
  let wakeTimer: NodeJS.Timeout | null = null;
  let unsubscribe: (() => void) | null = null;
  let stopping = false;
  let polling = false;
  let lastCycleAt: Date | null = null;

  // One job per destination, never one for "everything": a shared queue runs one job per key at a
  // time, so two workers never drain one destination at once, and each keeps its order.
  const wakeFor = (targets: readonly string[] | "*") => {
    if (targets === "*") return wakeDelivery();
    for (const target of targets) void queue.send("deliver", { target }, { key: target });
  };
  const wakeDelivery = () =>
    void app.relay.dueTargets().then(wakeFor, (error: unknown) => log.warn({ job: "deliver", err: error }, "could not read which destinations have messages due"));
  // Sleeps until the next queued message comes due (a Retry-After of one second is one second); one due
  // after the next tick is left to that tick.
  const wakeWhenDue = async () => {
    const at = await app.relay.nextDueAt();
    if (wakeTimer) clearTimeout(wakeTimer);
    wakeTimer = null;
    if (at === null || stopping) return;
    const delay = Math.max(MIN_WAKE_MS, at.getTime() - options.now().getTime());
    if (delay <= tickMs) wakeTimer = setTimeout(wakeDelivery, delay);
  };

  queue.work("poll-source", { batchSize: Number.MAX_SAFE_INTEGER }, async (jobs, signal) => {
    polling = true;
    try {
      const summary = await app.poll({
        force: jobs.some((job) => job.force),
        sourceIds: new Set(jobs.map((job) => job.sourceId)),
        signal,
        onNewItems: (items) => queue.send("plan-alerts", { items }),
      });
      if (!signal.aborted) lastCycleAt = options.now();
      if (summary.polled > 0) log.info({ job: "poll", ...summary }, signal.aborted ? "poll cycle cut short" : "poll cycle done");
    } finally {
      polling = false;
    }
  });
  queue.work("plan-alerts", { batchSize: 1 }, async ([job]) => void (await app.planAlerts(job!.items)));
  // By id, not position: a reload may reorder the list between a cron tick and its job.
  queue.work("digest-slot", { batchSize: 1 }, async ([job]) => {
    const { digestId, slot } = job!;
    const index = app.config.digests.findIndex((entry, n) => digestIdOf(entry, n) === digestId);
    if (index < 0) return void log.info({ job: "digest", digest: digestId }, "digest no longer configured; skipped");
    const enqueued = await app.runDigest(index, { slot });
    log.info({ job: "digest", digest: digestId, messages: enqueued }, "digest built");
  });
  // Digests set up from chat are looked for on every tick rather than given cron tasks: one made or
  // stopped in chat takes effect within a tick, without a reload.
  queue.work("chat-digests", { batchSize: Number.MAX_SAFE_INTEGER }, async () => {
    const enqueued = await app.runChatDigests();
    if (enqueued > 0) log.info({ job: "digest", messages: enqueued }, "chat digests built");
  });
  const sendChatDigests = () => void queue.send("chat-digests", {}, { key: "chat-digests" });
  queue.work("deliver", { batchSize: Number.MAX_SAFE_INTEGER }, async (jobs, signal) => {
    try {
      const sent = await app.relay.drain(signal, jobs.map((job) => job.target));
      if (sent > 0) log.debug({ job: "deliver", sent }, "delivered");
    } finally {
      await wakeWhenDue().catch((error: unknown) => log.warn({ job: "deliver", err: error }, "could not read when the next message is due"));
    }
  });

  const sendDuePolls = async (force: boolean) => {
    const ids = await app.dueSourceIds({ force });
    // A tick with nothing to poll is a cycle done: readiness tracks that the loop is alive.
    if (ids.length === 0 && !polling) lastCycleAt = options.now();
    await Promise.all(ids.map((sourceId) => queue.send("poll-source", { sourceId, force }, { key: sourceId })));
  };
  const schedule = async (config: BriefingConfig) => {
    await unschedule();
    digests = await scheduleDigests(config, {
      store: app.store,
      log,
      now: options.now,
      due: (digestId, at) => {
        // Whole seconds: every worker's cron fires for the slot, a few milliseconds apart, and one key dedupes them.
        const slot = new Date(Math.floor(at.getTime() / 1000) * 1000).toISOString();
        void queue.send("digest-slot", { digestId, slot }, { key: `${digestId}@${slot}` });
      },
    });
  };
  const unschedule = async () => {
    const old = digests;
    digests = null;
    await old?.destroy();
  };
  const tick = () => {
    if (stopping) return;
    sendDuePolls(false)
      .catch((error: unknown) => log.error({ job: "poll", err: error }, "could not look for due sources"))
      .finally(() => {
        sendChatDigests();
        // Also the fallback wake-up of delivery: another process (`briefing outbox retry`) may have queued something.
        wakeDelivery();
        if (!stopping) tickTimer = setTimeout(tick, tickMs);
      });
  };

  return {
    async start() {
      unsubscribe = app.enqueued.subscribe(wakeFor);
      wakeDelivery();
      // A lone worker polls everything at start; one of several keeps to the due times the others keep.
      await sendDuePolls(!queue.shared);
      // The first digests wait for the first poll, so a make-up digest includes what the bot missed.
      await queue.idle(["poll-source"]);
      if (stopping) return;
      await schedule(app.config);
      sendChatDigests();
      tickTimer = setTimeout(tick, tickMs);
    },
    reload(config) {
      return queue.between(["poll-source", "digest-slot", "chat-digests", "plan-alerts"], async () => {
        await unschedule();
        app.reconfigure(config);
        // Scheduled while polls and digests are held: digests due at once run right after.
        if (!stopping) await schedule(config);
        log.info({ job: "reload", sources: config.sources.length, topics: config.topics.length, digests: config.digests.length }, "config reloaded");
      });
    },
    pollHealth: () => ({ lastCycleAt, tickMs }),
    idle: () => queue.idle(),
    async stop() {
      stopping = true;
      unsubscribe?.();
      if (tickTimer) clearTimeout(tickTimer);
      if (wakeTimer) clearTimeout(wakeTimer);
      await unschedule();
      const { unfinished } = await queue.stop(options.stopGraceMs ?? 4_000);
      if (unfinished.length > 0) log.warn({ job: "run", unfinished }, "stopped without waiting for these jobs; their work stays queued");
    },
  };
}
