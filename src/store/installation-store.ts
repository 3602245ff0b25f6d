/**
 * One chat workspace the bot was installed in through OAuth. `record` is the platform's own
 * installation object (for Slack, @slack/oauth's `Installation`, bot token included) as JSON text:
 * the store seals it whole and never reads inside it.
 */
export interface StoredInstallation {
  /** `slack:<team id>` or `discord:<guild id>`. */
  tenantId: string;
  platform: "slack" | "discord";
  teamName: string | null;
  installedBy: string | null;
  installedAt: string;
  record: string;
}

/** Installations and the one-time OAuth states that start them; the SQLite and PostgreSQL stores implement it. */
export interface InstallationStore {
  saveInstallation(installation: StoredInstallation): Promise<void>;
  /** Null when the tenant never installed the bot or uninstalled it. */
  getInstallation(tenantId: string): Promise<StoredInstallation | null>;
  /** True when there was one to delete. */
  deleteInstallation(tenantId: string): Promise<boolean>;
  /** The installations without their records (nothing secret). */
  listInstallations(): Promise<Array<Omit<StoredInstallation, "record">>>;
  saveOAuthState(state: string, expiresAt: string): Promise<void>;
  /** Consumes a state: true only once, and only before it expires. */
  takeOAuthState(state: string, now: string): Promise<boolean>;
}
