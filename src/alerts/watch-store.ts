import type { NewOutboxMessage } from "../domain/outbound.js";
import type { AlertClaim } from "./plan-alerts.js";
import type { Watch, WatchOwner } from "./watch.js";

/** The persistence watches and alerts need; the store implements it. */
export interface WatchStore {
  addWatch(watch: Omit<Watch, "id">): Promise<Watch>;
  /** Removes the owner's watch; false when the id is unknown or belongs to someone else. */
  removeWatch(id: string, owner: WatchOwner): Promise<boolean>;
  watchesOf(owner: WatchOwner): Promise<Watch[]>;
  allWatches(): Promise<Watch[]>;
  /**
   * Claims the (watch, story) pairs not alerted before and enqueues the messages `build` makes for
   * them, in one transaction: an alert is recorded and queued together, or neither (once per watch
   * and story). Returns how many messages were enqueued.
   */
  sendAlertsOnce(alert: { claims: AlertClaim[]; at: string; build: (fresh: AlertClaim[]) => NewOutboxMessage[] }): Promise<number>;
}
