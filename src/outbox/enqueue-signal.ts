/**
 * Tells the delivery side that messages were written to the outbox, so it wakes at once rather than
 * at its next tick. In-process only: another process's writes are found by the worker's fallback tick
 * (and, on PostgreSQL, by the queue's own notification).
 */
export interface EnqueueSignal {
  notify(): void;
  /** Calls `listener` after every enqueue that added something; returns an unsubscribe. */
  subscribe(listener: () => void): () => void;
}

export function createEnqueueSignal(): EnqueueSignal {
  const listeners = new Set<() => void>();
  return {
    notify() {
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
