import type { App, InstallationStore as BoltInstallationStore } from "@slack/bolt";
import type { SlackLog } from "../slack-log.js";

export interface UninstallDeps {
  installationStore: BoltInstallationStore;
  log: SlackLog;
  /** Told after the workspace's tokens are gone, so cached clients are dropped and its messages held. */
  onRemoved(teamId: string): void;
}

/**
 * `app_uninstalled` and `tokens_revoked` (for the bot's token) end a workspace's installation: its
 * sealed tokens are deleted and the platform stops sending there. Bolt delivers both events even
 * though the workspace can no longer be authorised.
 */
export function registerUninstallListeners(app: App, deps: UninstallDeps): void {
  async function remove(teamId: string | undefined, enterpriseId: string | undefined, why: string): Promise<void> {
    const team = teamId ?? enterpriseId;
    if (!team) return;
    await deps.installationStore.deleteInstallation?.({ teamId, enterpriseId, isEnterpriseInstall: !teamId && Boolean(enterpriseId) });
    deps.onRemoved(team);
    deps.log.warn({ team_id: team, reason: why }, "slack workspace removed; its tokens are deleted and its messages held");
  }
  app.event("app_uninstalled", async ({ body }) => {
    await remove(body.team_id, body.enterprise_id, "app_uninstalled");
  });
  app.event("tokens_revoked", async ({ event, body }) => {
    if ((event.tokens.bot ?? []).length === 0) return;
    await remove(body.team_id, body.enterprise_id, "tokens_revoked");
  });
}
