import type { SecretBox } from "../secret-box.js";
import { openSourceState, sealSourceState, type StoredSourceState } from "../source-state-sealing.js";
import type { SourceStateStore } from "../store.js";
import type { SqlClient } from "./sql-client.js";

/** Source states as JSONB rows, credentials masked or sealed (see source-state-sealing.ts). */
export function createPostgresSourceStateStore(client: SqlClient, box: SecretBox | null = null): SourceStateStore {
  return {
    async getSourceState(sourceId) {
      const [row] = await client.query<{ state: StoredSourceState }>("SELECT state FROM sources WHERE source_id = $1", [sourceId]);
      return row ? openSourceState(row.state, box) : null;
    },
    async saveSourceState(state) {
      await client.query(
        "INSERT INTO sources (source_id, state) VALUES ($1, $2::jsonb) ON CONFLICT (source_id) DO UPDATE SET state = excluded.state",
        [state.sourceId, JSON.stringify(sealSourceState(state, box))],
      );
    },
    async listSourceStates() {
      const rows = await client.query<{ state: StoredSourceState }>('SELECT state FROM sources ORDER BY source_id COLLATE "C"');
      return rows.map((row) => openSourceState(row.state, box));
    },
  };
}
