import type { JobName } from "./job-queue.js";

/** What `between` needs of a queue's lane: its hold count and the batch it has in hand. */
export interface HoldableLane {
  holds: number;
  running: Promise<void> | null;
}

/**
 * `JobQueue.between` for a queue of lanes: holds the lanes of `names` (no new batch starts), runs
 * `task` once their batches in hand are done, then lets each go on (`pump`).
 */
export async function runBetween<T>(names: JobName[], laneOf: (name: JobName) => HoldableLane, pump: (name: JobName) => void, task: () => Promise<T>): Promise<T> {
  for (const name of names) laneOf(name).holds += 1;
  try {
    await Promise.all(names.map((name) => laneOf(name).running));
    return await task();
  } finally {
    for (const name of names) {
      laneOf(name).holds -= 1;
      pump(name);
    }
  }
}
