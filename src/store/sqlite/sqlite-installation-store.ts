import type Database from "better-sqlite3";
import type { InstallationStore, StoredInstallation } from "../installation-store.js";
import type { SecretBox } from "../secret-box.js";

interface InstallationRow {
  tenant_id: string;
  platform: StoredInstallation["platform"];
  team_name: string | null;
  installed_by: string | null;
  installed_at: string;
  sealed: string;
}

/** Installations with their records sealed at rest; there is deliberately no way to build it without a key. */
export function createSqliteInstallationStore(db: Database.Database, box: SecretBox): InstallationStore {
  const upsert = db.prepare(
    `INSERT INTO installations (tenant_id, platform, team_name, installed_by, installed_at, sealed) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (tenant_id) DO UPDATE SET platform = excluded.platform, team_name = excluded.team_name,
       installed_by = excluded.installed_by, installed_at = excluded.installed_at, sealed = excluded.sealed`,
  );
  const byTenant = db.prepare<[string], InstallationRow>("SELECT * FROM installations WHERE tenant_id = ?");
  const remove = db.prepare("DELETE FROM installations WHERE tenant_id = ?");
  const all = db.prepare<[], InstallationRow>("SELECT * FROM installations ORDER BY tenant_id");
  const addState = db.prepare("INSERT INTO oauth_states (state, expires_at) VALUES (?, ?)");
  const takeState = db.prepare<[string], { expires_at: string }>("DELETE FROM oauth_states WHERE state = ? RETURNING expires_at");
  const dropExpired = db.prepare("DELETE FROM oauth_states WHERE expires_at <= ?");

  const summary = (row: InstallationRow) => ({
    tenantId: row.tenant_id,
    platform: row.platform,
    teamName: row.team_name,
    installedBy: row.installed_by,
    installedAt: row.installed_at,
  });

  return {
    async saveInstallation(installation) {
      const { tenantId, platform, teamName, installedBy, installedAt, record } = installation;
      upsert.run(tenantId, platform, teamName, installedBy, installedAt, box.seal(record));
    },
    async getInstallation(tenantId) {
      const row = byTenant.get(tenantId);
      return row ? { ...summary(row), record: box.open(row.sealed) } : null;
    },
    async deleteInstallation(tenantId) {
      return remove.run(tenantId).changes > 0;
    },
    async listInstallations() {
      return all.all().map(summary);
    },
    async saveOAuthState(state, expiresAt) {
      addState.run(state, expiresAt);
    },
    async takeOAuthState(state, now) {
      dropExpired.run(now);
      const taken = takeState.get(state);
      return taken !== undefined && taken.expires_at > now;
    },
  };
}
