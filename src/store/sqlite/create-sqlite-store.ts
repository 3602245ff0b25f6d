import type Database from "better-sqlite3";
import type { SecretBox } from "../secret-box.js";
import type { Store } from "../store.js";
import { createSqliteDigestMarkStore } from "./sqlite-digest-mark-store.js";
import { createSqliteItemStore } from "./sqlite-item-store.js";
import { createSqliteOutboxStore } from "./sqlite-outbox-store.js";
import { createSqliteRequestReplays } from "./sqlite-request-replays.js";
import { createSqliteSourceStateStore } from "./sqlite-source-state-store.js";
import { createSqliteStoryMerges } from "./sqlite-story-merges.js";
import { createSqliteWatchStore } from "./sqlite-watch-store.js";
import { createSqliteTenantStore } from "./sqlite-tenant-store.js";
import { retryingWhenBusy } from "./retry-when-busy.js";

/** The embedded store: one SQLite file, opened and migrated by `openDatabase`. */
export function createSqliteStore(db: Database.Database, options: { secretBox?: SecretBox | null } = {}): Store {
  const outbox = createSqliteOutboxStore(db);
  const marks = createSqliteDigestMarkStore(db);
  const commitDigest = db.transaction((digestId: string, since: string | null, windowEnd: string, enqueue: () => number) => {
    if (marks.getDigestMarkSync(digestId) !== since) return 0;
    const added = enqueue();
    marks.setDigestMarkSync(digestId, windowEnd);
    return added;
  });
  const watches = createSqliteWatchStore(db);
  const sendAlertsOnce = db.transaction((alert: Parameters<Store["sendAlertsOnce"]>[0]) => {
    const fresh = alert.claims.filter((claim) => watches.claimSync(claim.watchId, claim.clusterId, alert.at));
    return fresh.length === 0 ? 0 : outbox.enqueueSync(alert.build(fresh), alert.at);
  });
  const { claimSync: _claimSync, ...watchStore } = watches;
  const { setDigestMarkSync: _setDigestMarkSync, getDigestMarkSync: _getDigestMarkSync, ...markStore } = marks;
  return retryingWhenBusy<Store>({
    ...createSqliteItemStore(db),
    ...createSqliteSourceStateStore(db, options.secretBox ?? null),
    ...createSqliteStoryMerges(db),
    ...createSqliteTenantStore(db),
    ...createSqliteRequestReplays(db),
    ...watchStore,
    async sendAlertsOnce(alert) {
      return sendAlertsOnce.immediate(alert);
    },
    ...markStore,
    ...outbox,
    async commitDigest({ digestId, since, windowEnd, messages, now }) {
      return commitDigest.immediate(digestId, since, windowEnd, () => outbox.enqueueSync(messages, now));
    },
    async close() {
      if (db.open) db.close();
    },
  });
}
