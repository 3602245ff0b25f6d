import { createTask, type ScheduledTask } from "node-cron";
import type { BriefingConfig } from "../config/config-schema.js";
import type { BriefingApp } from "./app.js";
import { digestIdOf } from "./digest-job.js";
import { planDigestRun } from "../digest/index.js";
import type { Logger } from "./logger.js";

export interface WorkerOptions {
  app: BriefingApp;
  config: BriefingConfig;
  log: Logger;
  now: () => Date;
  /** How often due sources are checked and the outbox retried. */
  tickMs?: number;
}

export interface Worker {
  start(): Promise<void>;
  /** Stops timers, lets the job in hand finish, and resolves when nothing is running. */
  stop(): Promise<void>;
  /**
   * Applies a validated config after the job in hand and those already queued: digests are scheduled
   * anew, sources and topics take effect from the next poll. Queued and in-flight messages are untouched.
   */
  reload(config: BriefingConfig): Promise<void>;
  /** When the last poll cycle finished, and the interval between cycles. */
  pollHealth(): { lastCycleAt: Date | null; tickMs: number };
}

/** The long-running loop of `briefing run`: polls, posts scheduled digests, drains the outbox. */
export function createWorker(options: WorkerOptions): Worker {
  const { app, log } = options;
  const tickMs = options.tickMs ?? Math.min(options.config.poll.every, 30_000);
  let tasks: ScheduledTask[] = [];
  let timer: NodeJS.Timeout | null = null;
  let stopping = false;
  let lastCycleAt: Date | null = null;
  // Every job runs on this chain, one at a time, so polls, digests and deliveries never interleave.
  let chain: Promise<void> = Promise.resolve();

  const enqueue = (name: string, job: () => Promise<void>): Promise<void> => {
    const next = chain.then(async () => {
      if (stopping && name !== "final-delivery") return;
      try {
        await job();
      } catch (error) {
        log.error({ job: name, err: error }, "job failed");
      }
    });
    chain = next;
    return next;
  };

  const deliver = async () => {
    const sent = await app.relay.drain();
    if (sent > 0) log.debug({ job: "deliver", sent }, "delivered");
  };
  const poll = (force: boolean) => enqueue("poll", async () => {
    const summary = await app.poll({ force });
    lastCycleAt = options.now();
    if (summary.polled > 0) log.info({ job: "poll", ...summary }, "poll cycle done");
  });
  // By id, not position: a reload may reorder the list between a cron tick and its job.
  const digest = (id: string) => enqueue("digest", async () => {
    const index = app.config.digests.findIndex((entry, n) => digestIdOf(entry, n) === id);
    if (index < 0) return void log.info({ job: "digest", digest: id }, "digest no longer configured; skipped");
    const enqueued = await app.runDigest(index);
    log.info({ job: "digest", digest: id, messages: enqueued }, "digest built");
    await deliver();
  });

  // Digests set up from chat are checked on every tick rather than given cron tasks: one made or stopped
  // in chat takes effect within a tick, without a reload.
  const chatDigests = () => enqueue("digest", async () => {
    const enqueued = await app.runChatDigests();
    if (enqueued > 0) {
      log.info({ job: "digest", messages: enqueued }, "chat digests built");
      await deliver();
    }
  });

  const scheduleDigests = async (config: BriefingConfig) => {
    for (const [index, entry] of config.digests.entries()) {
      const zone = entry.timezone ?? config.timezone;
      const id = digestIdOf(entry, index);
      const mark = await app.store.getDigestMark(id);
      // A digest that never ran posts at once, so a new install shows what it does; after that, a slot
      // missed while the bot was down is made up once, covering everything since the last window.
      const plan = planDigestRun({ cron: entry.schedule, timeZone: zone, lastMark: mark, now: options.now() });
      if (mark === null || plan.due) {
        if (plan.missed) log.info({ job: "digest", missed_slots: plan.missedSlots, since: mark }, "making up a missed digest");
        void digest(id);
      }
      const task = createTask(entry.schedule, () => digest(id), { timezone: zone, name: id });
      await task.start();
      tasks.push(task);
    }
  };
  const unscheduleDigests = async () => {
    const old = tasks;
    tasks = [];
    await Promise.all(old.map((task) => task.destroy()));
  };

  return {
    async start() {
      await poll(true);
      await scheduleDigests(app.config);
      await chatDigests();
      await enqueue("deliver", deliver);
      const tick = () => {
        if (stopping) return;
        void poll(false).then(chatDigests).then(() => enqueue("deliver", deliver)).finally(() => {
          if (!stopping) timer = setTimeout(tick, tickMs);
        });
      };
      timer = setTimeout(tick, tickMs);
    },
    reload(config) {
      return enqueue("reload", async () => {
        await unscheduleDigests();
        app.reconfigure(config);
        // Scheduled from inside the chain: digests due at once are queued behind this job.
        await scheduleDigests(config);
        log.info({ job: "reload", sources: config.sources.length, topics: config.topics.length, digests: config.digests.length }, "config reloaded");
      });
    },
    pollHealth: () => ({ lastCycleAt, tickMs }),
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      await unscheduleDigests();
      await chain;
      await enqueue("final-delivery", deliver);
    },
  };
}
