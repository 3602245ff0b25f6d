import type { Installation, InstallationQuery, InstallationStore as BoltInstallationStore } from "@slack/bolt";
import type { Clock } from "../../../domain/clock.js";
import type { InstallationStore } from "../../../store/installation-store.js";

/** The workspace of SLACK_BOT_TOKEN, served without an OAuth install. */
export interface DefaultWorkspace {
  teamId: string;
  botToken: string;
  botId: string;
  botUserId: string;
}

/** The tenant id of a Slack workspace (an org-wide install is keyed by its enterprise). */
export function slackTenantId(teamId: string): string {
  return `slack:${teamId}`;
}

function teamOf(query: { teamId?: string; enterpriseId?: string; isEnterpriseInstall?: boolean }): string | undefined {
  return query.isEnterpriseInstall ? query.enterpriseId : (query.teamId ?? query.enterpriseId);
}

/**
 * Bolt's installation store over ours: what `oauth.v2.access` returned is stored sealed, keyed by
 * tenant, and read back to authorise every request from that workspace. The SLACK_BOT_TOKEN workspace,
 * when there is one, is answered from that token without being stored.
 */
export function createSlackInstallationStore(store: InstallationStore, clock: Clock, defaultWorkspace: () => DefaultWorkspace | null): BoltInstallationStore {
  return {
    async storeInstallation(installation) {
      const team = installation.isEnterpriseInstall ? installation.enterprise?.id : installation.team?.id;
      if (!team) throw new Error("a Slack installation came without a team or enterprise id");
      await store.saveInstallation({
        tenantId: slackTenantId(team),
        platform: "slack",
        teamName: installation.team?.name ?? installation.enterprise?.name ?? null,
        installedBy: installation.user.id,
        installedAt: clock.now().toISOString(),
        record: JSON.stringify(installation),
      });
    },
    async fetchInstallation(query: InstallationQuery<boolean>) {
      const team = teamOf(query);
      const stored = team ? await store.getInstallation(slackTenantId(team)) : null;
      if (stored) return JSON.parse(stored.record) as Installation;
      const fallback = defaultWorkspace();
      if (fallback && team === fallback.teamId) {
        return {
          team: { id: fallback.teamId },
          enterprise: undefined,
          user: { id: "", token: undefined, scopes: undefined },
          bot: { token: fallback.botToken, id: fallback.botId, userId: fallback.botUserId, scopes: [] },
          tokenType: "bot",
          isEnterpriseInstall: false,
        } satisfies Installation;
      }
      throw new Error(`briefing-bot is not installed in Slack workspace ${team ?? "(none)"}`);
    },
    async deleteInstallation(query: InstallationQuery<boolean>) {
      const team = teamOf(query);
      if (team) await store.deleteInstallation(slackTenantId(team));
    },
  };
}
