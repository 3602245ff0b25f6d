import type Database from "better-sqlite3";
import { maskUrl } from "../../domain/mask-url.js";
import { emptySourceState, type SourceState } from "../../domain/source-state.js";
import type { SecretBox } from "../secret-box.js";
import type { SourceStateStore } from "../store.js";

/** The row's JSON: the location masked, and the real one sealed when it carries credentials and a key is set. */
type StoredState = SourceState & { locationSealed?: string };

/**
 * Source states as JSON rows. A feed URL's credentials (`user:pass@`, `?token=`) never reach the file
 * in clear: the location is stored masked, plus sealed with `box` when there is one. Without a box the
 * real location is only in the config, which is where the poller reads it from.
 */
export function createSqliteSourceStateStore(db: Database.Database, box: SecretBox | null = null): SourceStateStore {
  const get = db.prepare("SELECT state FROM sources WHERE source_id = ?").pluck();
  const put = db.prepare(
    "INSERT INTO sources (source_id, state) VALUES (?, ?) ON CONFLICT (source_id) DO UPDATE SET state = excluded.state",
  );
  const all = db.prepare("SELECT state FROM sources ORDER BY source_id").pluck();
  const toRow = (state: SourceState): string => {
    const masked = maskUrl(state.location);
    const row: StoredState = { ...state, location: masked };
    if (masked !== state.location && box) row.locationSealed = box.seal(state.location);
    return JSON.stringify(row);
  };
  const fromRow = (text: string): SourceState => {
    const { locationSealed, ...state } = withDefaults(JSON.parse(text) as StoredState);
    if (locationSealed === undefined || box === null) return state;
    try {
      return { ...state, location: box.open(locationSealed) };
    } catch {
      // Sealed under another key: the masked location still identifies the feed.
      return state;
    }
  };
  return {
    async getSourceState(sourceId) {
      const state = get.get(sourceId) as string | undefined;
      return state === undefined ? null : fromRow(state);
    },
    async saveSourceState(state) {
      put.run(state.sourceId, toRow(state));
    },
    async listSourceStates() {
      return (all.all() as string[]).map(fromRow);
    },
  };
}

/** A stored state, with the fields added since it was written at their empty values. */
function withDefaults(stored: StoredState): StoredState {
  return { ...emptySourceState(stored.sourceId, stored.location), ...stored };
}
