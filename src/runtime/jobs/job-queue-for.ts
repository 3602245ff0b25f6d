import type { BriefingApp } from "../app.js";
import type { Logger } from "../logger.js";
import { createInProcessQueue } from "./in-process-queue.js";
import type { JobQueue } from "./job-queue.js";
import { createPgBossQueue } from "./pg-boss-queue.js";

/**
 * The queue `briefing run` works from: pg-boss on the PostgreSQL store, shared by every worker on the
 * database; in-process on SQLite, where one worker holds the file.
 */
export async function jobQueueFor(app: BriefingApp, log: Logger): Promise<JobQueue> {
  const url = app.storage.serverUrl;
  if (url === null) return inProcessQueue(log);
  return createPgBossQueue({
    url,
    onError: jobFailed(log),
    onQueueError: (error) => log.error({ job: "queue", err: error }, "job queue error"),
    // The jobs of a worker that died come back after this: short, since a handler stops at the
    // signal and leaves the rest due, so a long batch is merely cut in two.
    expireInSeconds: 60,
    maintenanceIntervalSeconds: 15,
  });
}

/** The single worker's queue; alert planning still runs while stopping, since nothing else would. */
export function inProcessQueue(log: Logger): JobQueue {
  return createInProcessQueue({ onError: jobFailed(log), finishOnStop: ["plan-alerts"] });
}

function jobFailed(log: Logger) {
  return (job: string, error: unknown) => log.error({ job, err: error }, "job failed");
}
