import type { NewOutboxMessage } from "../domain/outbound.js";
import type { EnqueueSignal } from "../outbox/index.js";
import type { Store } from "../store/index.js";

/** The store, telling `signal` after every write that put messages in the outbox (once it is committed). */
export function signallingStore(store: Store, signal: EnqueueSignal): Store {
  const targetsOf = (messages: NewOutboxMessage[]) => [...new Set(messages.map((message) => message.target))];
  const told = <T>(added: T, targets: readonly string[] | "*"): T => {
    if (added) signal.notify(targets);
    return added;
  };
  return {
    ...store,
    enqueue: async (messages, now) => told(await store.enqueue(messages, now), targetsOf(messages)),
    requeue: async (id, now) => told(await store.requeue(id, now), "*"),
    async sendAlertsOnce(alert) {
      // The messages are built inside the store's transaction, from the claims that were fresh.
      let built: NewOutboxMessage[] = [];
      const added = await store.sendAlertsOnce({ ...alert, build: (fresh) => (built = alert.build(fresh)) });
      return told(added, targetsOf(built));
    },
    commitDigest: async (digest) => told(await store.commitDigest(digest), targetsOf(digest.messages)),
  };
}
