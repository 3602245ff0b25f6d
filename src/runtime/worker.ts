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
}

/** The long-running loop of `briefing run`: polls, posts scheduled digests, drains the outbox. */
export function createWorker(options: WorkerOptions): Worker {
  const { app, config, log } = options;
  const tickMs = options.tickMs ?? Math.min(config.poll.every, 30_000);
  const tasks: ScheduledTask[] = [];
  let timer: NodeJS.Timeout | null = null;
  let stopping = false;
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
    if (summary.polled > 0) log.info({ job: "poll", ...summary }, "poll cycle done");
  });
  const digest = (index: number) => enqueue("digest", async () => {
    const enqueued = await app.runDigest(index);
    log.info({ job: "digest", digest: digestIdOf(config.digests[index]!, index), messages: enqueued }, "digest built");
    await deliver();
  });

  return {
    async start() {
      await poll(true);
      for (const [index, entry] of config.digests.entries()) {
        const zone = entry.timezone ?? config.timezone;
        const mark = await app.store.getDigestMark(digestIdOf(entry, index));
        // A digest that never ran posts at once, so a new install shows what it does; after that, a slot
        // missed while the bot was down is made up once, covering everything since the last window.
        const plan = planDigestRun({ cron: entry.schedule, timeZone: zone, lastMark: mark, now: options.now() });
        if (mark === null || plan.due) {
          if (plan.missed) log.info({ job: "digest", missed_slots: plan.missedSlots, since: mark }, "making up a missed digest");
          await digest(index);
        }
        const task = createTask(entry.schedule, () => digest(index), { timezone: zone, name: digestIdOf(entry, index) });
        await task.start();
        tasks.push(task);
      }
      await enqueue("deliver", deliver);
      const tick = () => {
        if (stopping) return;
        void poll(false).then(() => enqueue("deliver", deliver)).finally(() => {
          if (!stopping) timer = setTimeout(tick, tickMs);
        });
      };
      timer = setTimeout(tick, tickMs);
    },
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      await Promise.all(tasks.map((task) => task.destroy()));
      await chain;
      await enqueue("final-delivery", deliver);
    },
  };
}
