/**
 * Tells the delivery side that messages were written to the outbox, so it wakes at once rather than
 * at its next tick. In-process only: another process's writes are found by the worker's fallback tick
 * (and, on PostgreSQL, by the queue's own notification).
 */
export interface EnqueueSignal {
  /** Messages were queued for these destinations (`*`: not known which). */
  notify(targets: readonly string[] | "*"): void;
  /** Calls `listener` after every enqueue that added something; returns an unsubscribe. */
  subscribe(listener: (targets: readonly string[] | "*") => void): () => void;
}

export function createEnqueueSignal(): EnqueueSignal {
  const listeners = new Set<(targets: readonly string[] | "*") => void>();
  return {
    notify(targets) {
      for (const listener of listeners) listener(targets);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
