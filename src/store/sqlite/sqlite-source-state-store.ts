import type Database from "better-sqlite3";
import { emptySourceState, type SourceState } from "../../domain/source-state.js";
import type { SourceStateStore } from "../store.js";

export function createSqliteSourceStateStore(db: Database.Database): SourceStateStore {
  const get = db.prepare("SELECT state FROM sources WHERE source_id = ?").pluck();
  const put = db.prepare(
    "INSERT INTO sources (source_id, state) VALUES (?, ?) ON CONFLICT (source_id) DO UPDATE SET state = excluded.state",
  );
  const all = db.prepare("SELECT state FROM sources ORDER BY source_id").pluck();
  return {
    async getSourceState(sourceId) {
      const state = get.get(sourceId) as string | undefined;
      return state === undefined ? null : readState(state);
    },
    async saveSourceState(state) {
      put.run(state.sourceId, JSON.stringify(state));
    },
    async listSourceStates() {
      return (all.all() as string[]).map(readState);
    },
  };
}

/** A stored state, with the fields added since it was written at their empty values. */
function readState(json: string): SourceState {
  const stored = JSON.parse(json) as SourceState;
  return { ...emptySourceState(stored.sourceId, stored.location), ...stored };
}
