import type { JobHandler, JobName, JobPayloads, JobQueue, SendOptions, WorkOptions } from "./job-queue.js";
import { runBetween } from "./run-between.js";

interface Waiting {
  data: unknown;
  key: string | undefined;
}

interface Lane {
  waiting: Waiting[];
  running: Promise<void> | null;
  handler: ((jobs: unknown[], signal: AbortSignal) => Promise<void>) | null;
  batchSize: number;
  holds: number;
}

export interface InProcessQueueOptions {
  /** Told when a handler throws; the jobs of that batch are not retried (the next poll or drain covers them). */
  onError: (name: JobName, error: unknown) => void;
  /**
   * Kinds whose waiting jobs still run while stopping (within the grace): work with no other home once
   * this process is gone, such as alerts to plan for items already stored. A shared queue keeps those.
   */
  finishOnStop?: JobName[];
}

/**
 * The job queue of a single `briefing run`: one lane per kind, each running one batch at a time,
 * lanes independent of each other. Nothing survives the process: what was waiting is found again
 * by the next process from the store (due sources, missed digest slots, pending outbox messages).
 */
export function createInProcessQueue(options: InProcessQueueOptions): JobQueue {
  const lanes = new Map<JobName, Lane>();
  const abort = new AbortController();
  const finishOnStop = new Set(options.finishOnStop ?? []);
  let idleWaiters: Array<() => void> = [];
  const laneOf = (name: JobName): Lane => {
    let lane = lanes.get(name);
    if (!lane) lanes.set(name, (lane = { waiting: [], running: null, handler: null, batchSize: 1, holds: 0 }));
    return lane;
  };
  const busy = (names: JobName[]) => names.some((name) => lanes.get(name)?.running || (lanes.get(name)?.waiting.length ?? 0) > 0);
  const settled = () => [...lanes.entries()].every(([name, lane]) => !lane.running && (!finishOnStop.has(name) || lane.waiting.length === 0));
  const tellIdle = () => {
    const waiters = idleWaiters;
    idleWaiters = [];
    waiters.forEach((wake) => wake());
  };

  const pump = (name: JobName) => {
    const lane = laneOf(name);
    if (lane.running || !lane.handler || lane.holds > 0 || lane.waiting.length === 0) return;
    if (abort.signal.aborted && !finishOnStop.has(name)) return;
    const batch = lane.waiting.splice(0, lane.batchSize);
    const handler = lane.handler;
    lane.running = (async () => {
      try {
        await handler(batch.map((job) => job.data), abort.signal);
      } catch (error) {
        options.onError(name, error);
      }
    })().finally(() => {
      lane.running = null;
      pump(name);
      tellIdle();
    });
  };

  return {
    shared: false,
    async send<N extends JobName>(name: N, data: JobPayloads[N], sendOptions: SendOptions = {}) {
      // A poll cut short still stores what it read, and the alerts for that must still be planned.
      if (abort.signal.aborted && !finishOnStop.has(name)) return;
      const lane = laneOf(name);
      if (sendOptions.key !== undefined && lane.waiting.some((job) => job.key === sendOptions.key)) return;
      lane.waiting.push({ data, key: sendOptions.key });
      // On the next microtask: jobs sent together (every due source of a tick) run as one batch.
      queueMicrotask(() => pump(name));
    },
    work<N extends JobName>(name: N, workOptions: WorkOptions, handler: JobHandler<N>) {
      const lane = laneOf(name);
      lane.handler = handler as Lane["handler"];
      lane.batchSize = Math.max(1, workOptions.batchSize);
      pump(name);
    },
    idle(names) {
      const watched = names ?? [...lanes.keys()];
      return new Promise<void>((resolve) => {
        const check = () => (busy(watched) && !abort.signal.aborted ? idleWaiters.push(check) : resolve());
        check();
      });
    },
    between: (names, task) => runBetween(names, laneOf, pump, task),
    async stop(graceMs) {
      abort.abort(new Error("the worker is stopping"));
      tellIdle();
      let timer: NodeJS.Timeout | undefined;
      const timeUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
      const done = new Promise<void>((resolve) => {
        const check = () => (settled() ? resolve() : idleWaiters.push(check));
        check();
      });
      await Promise.race([done, timeUp]);
      clearTimeout(timer);
      const unfinished = [...lanes.entries()].filter(([name, lane]) => lane.running || (finishOnStop.has(name) && lane.waiting.length > 0));
      return { unfinished: unfinished.map(([name]) => name) };
    },
  };
}
