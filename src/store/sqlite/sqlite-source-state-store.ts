import type Database from "better-sqlite3";
import type { SecretBox } from "../secret-box.js";
import { openSourceState, sealSourceState, type StoredSourceState } from "../source-state-sealing.js";
import type { SourceStateStore } from "../store.js";

/** Source states as JSON rows, credentials masked or sealed (see source-state-sealing.ts). */
export function createSqliteSourceStateStore(db: Database.Database, box: SecretBox | null = null): SourceStateStore {
  const get = db.prepare("SELECT state FROM sources WHERE source_id = ?").pluck();
  const put = db.prepare(
    "INSERT INTO sources (source_id, state) VALUES (?, ?) ON CONFLICT (source_id) DO UPDATE SET state = excluded.state",
  );
  const all = db.prepare("SELECT state FROM sources ORDER BY source_id").pluck();
  const fromRow = (text: string) => openSourceState(JSON.parse(text) as StoredSourceState, box);
  return {
    async getSourceState(sourceId) {
      const state = get.get(sourceId) as string | undefined;
      return state === undefined ? null : fromRow(state);
    },
    async saveSourceState(state) {
      put.run(state.sourceId, JSON.stringify(sealSourceState(state, box)));
    },
    async listSourceStates() {
      return (all.all() as string[]).map(fromRow);
    },
  };
}
