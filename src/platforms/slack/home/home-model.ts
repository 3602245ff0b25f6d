import type { WatchSummary } from "../../../commands/command-handler.js";

/** What a workspace shows on every member's Home tab, besides their own watches. */
export interface TenantHome {
  feeds: Array<{ id: string; name: string | null; health: string }>;
  /** Digests that post to this workspace's channels. */
  digests: Array<{ id: string; target: string; nextRunAt: string | null; timeZone: string }>;
}

/** The runtime's answer to "what does this workspace's briefing look like now". */
export interface SlackHomeSource {
  /** `isDefault`: the SLACK_BOT_TOKEN workspace, which the YAML config's feeds and digests belong to. */
  tenantHome(workspace: { workspaceId: string; isDefault: boolean }): Promise<TenantHome>;
}

export interface HomeModel extends TenantHome {
  watches: WatchSummary[];
}
