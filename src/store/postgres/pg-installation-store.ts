import type { InstallationStore, StoredInstallation } from "../installation-store.js";
import type { SecretBox } from "../secret-box.js";
import type { SqlClient } from "./sql-client.js";
import { isoTime } from "./pg-time.js";

interface PgInstallationRow {
  tenant_id: string;
  platform: StoredInstallation["platform"];
  team_name: string | null;
  installed_by: string | null;
  installed_at: Date | string;
  sealed: string;
}

const summary = (row: PgInstallationRow) => ({
  tenantId: row.tenant_id,
  platform: row.platform,
  teamName: row.team_name,
  installedBy: row.installed_by,
  installedAt: isoTime(row.installed_at),
});

/** Installations with their records sealed at rest; there is deliberately no way to build it without a key. */
export function createPostgresInstallationStore(client: SqlClient, box: SecretBox): InstallationStore {
  return {
    async saveInstallation(installation) {
      const { tenantId, platform, teamName, installedBy, installedAt, record } = installation;
      await client.query(
        `INSERT INTO installations (tenant_id, platform, team_name, installed_by, installed_at, sealed) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (tenant_id) DO UPDATE SET platform = excluded.platform, team_name = excluded.team_name,
           installed_by = excluded.installed_by, installed_at = excluded.installed_at, sealed = excluded.sealed`,
        [tenantId, platform, teamName, installedBy, installedAt, box.seal(record)],
      );
    },
    async getInstallation(tenantId) {
      const [row] = await client.query<PgInstallationRow>("SELECT * FROM installations WHERE tenant_id = $1", [tenantId]);
      return row ? { ...summary(row), record: box.open(row.sealed) } : null;
    },
    async deleteInstallation(tenantId) {
      return (await client.query("DELETE FROM installations WHERE tenant_id = $1 RETURNING tenant_id", [tenantId])).length > 0;
    },
    async listInstallations() {
      return (await client.query<PgInstallationRow>('SELECT * FROM installations ORDER BY tenant_id COLLATE "C"')).map(summary);
    },
    async saveOAuthState(state, expiresAt) {
      await client.query("INSERT INTO oauth_states (state, expires_at) VALUES ($1, $2)", [state, expiresAt]);
    },
    async takeOAuthState(state, now) {
      await client.query("DELETE FROM oauth_states WHERE expires_at <= $1", [now]);
      const taken = await client.query("DELETE FROM oauth_states WHERE state = $1 AND expires_at > $2 RETURNING state", [state, now]);
      return taken.length > 0;
    },
  };
}
