import type { Watch, WatchOwner } from "./watch.js";

/** The persistence watches and alerts need; the store implements it. */
export interface WatchStore {
  addWatch(watch: Omit<Watch, "id">): Promise<Watch>;
  /** Removes the owner's watch; false when the id is unknown or belongs to someone else. */
  removeWatch(id: string, owner: WatchOwner): Promise<boolean>;
  watchesOf(owner: WatchOwner): Promise<Watch[]>;
  allWatches(): Promise<Watch[]>;
  /** Records that a story was alerted for a watch; false when it had been already (alert once per story). */
  claimAlert(watchId: string, clusterId: string, at: string): Promise<boolean>;
}
