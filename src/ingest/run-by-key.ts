export interface RunByKeyLimits {
  /** Jobs started and not yet finished, over all keys. */
  inFlight: number;
  /** Jobs started and not yet finished for one key. */
  perKey: number;
}

/**
 * Runs every job with at most `inFlight` started at once and at most `perKey` per key, taking keys
 * in turn so that a slow key (a slow host) never holds the others back. Only the running jobs hold
 * an async frame: ten thousand feeds cost a few dozen pending polls, not ten thousand.
 * A job that rejects does not stop the rest; the first rejection is thrown once all have finished.
 */
export function runByKey<T>(
  jobs: Iterable<T>,
  keyOf: (job: T) => string,
  limits: RunByKeyLimits,
  run: (job: T) => Promise<void>,
): Promise<void> {
  if (!(limits.inFlight >= 1 && limits.perKey >= 1)) throw new RangeError(`runByKey needs at least one slot, got ${JSON.stringify(limits)}`);
  const queues = new Map<string, T[]>();
  for (const job of jobs) {
    const key = keyOf(job);
    const queue = queues.get(key);
    if (queue) queue.push(job);
    else queues.set(key, [job]);
  }
  const runningPerKey = new Map<string, number>();
  let running = 0;
  let failure: { error: unknown } | null = null;

  return new Promise<void>((resolve, reject) => {
    const settleIfDone = () => {
      if (running > 0 || queues.size > 0) return;
      if (failure) reject(failure.error);
      else resolve();
    };
    const start = (key: string, job: T) => {
      running++;
      runningPerKey.set(key, (runningPerKey.get(key) ?? 0) + 1);
      const finish = () => {
        running--;
        const left = runningPerKey.get(key)! - 1;
        if (left === 0) runningPerKey.delete(key);
        else runningPerKey.set(key, left);
        fill();
        settleIfDone();
      };
      let promise: Promise<void>;
      try {
        promise = run(job);
      } catch (error) {
        promise = Promise.reject(error);
      }
      promise.then(finish, (error: unknown) => {
        failure ??= { error };
        finish();
      });
    };
    const fill = () => {
      // A key that gets a job moves to the back, so keys take turns. Re-inserted keys are visited
      // again by this loop, but each visit that starts a job brings `running` closer to the limit.
      for (const [key, queue] of queues) {
        if (running >= limits.inFlight) return;
        if ((runningPerKey.get(key) ?? 0) >= limits.perKey) continue;
        const job = queue.shift()!;
        queues.delete(key);
        if (queue.length > 0) queues.set(key, queue);
        start(key, job);
      }
    };
    fill();
    settleIfDone();
  });
}
