import type { EnqueueSignal } from "../outbox/index.js";
import type { Store } from "../store/index.js";

/** The store, telling `signal` after every write that put messages in the outbox (once it is committed). */
export function signallingStore(store: Store, signal: EnqueueSignal): Store {
  const told = <T>(added: T): T => {
    if (added) signal.notify();
    return added;
  };
  return {
    ...store,
    enqueue: async (messages, now) => told(await store.enqueue(messages, now)),
    requeue: async (id, now) => told(await store.requeue(id, now)),
    sendAlertsOnce: async (alert) => told(await store.sendAlertsOnce(alert)),
    commitDigest: async (digest) => told(await store.commitDigest(digest)),
  };
}
