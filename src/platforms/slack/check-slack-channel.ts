import type { webApi } from "@slack/bolt";

type Client = Pick<webApi.WebClient, "conversations">;

interface ChannelInfo {
  is_archived?: boolean;
  is_member?: boolean;
  is_im?: boolean;
  context_team_id?: string;
  shared_team_ids?: string[];
  conversation_host_id?: string;
}

/**
 * Whether the bot may post to a Slack channel an admin named: the channel must belong to (or be
 * shared with) the invoker's workspace, be live, and have the bot as a member. Null when fine.
 */
export async function checkSlackChannel(client: Client, workspaceId: string | null, channelId: string): Promise<string | null> {
  let channel: ChannelInfo | undefined;
  try {
    channel = (await client.conversations.info({ channel: channelId })).channel as ChannelInfo | undefined;
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error;
    if (code === "channel_not_found" || code === "team_access_not_granted" || code === "missing_scope") {
      return "the bot cannot see that channel. Invite it there first (/invite @briefing-bot).";
    }
    throw error;
  }
  if (!channel) return "the bot cannot see that channel.";
  const teams = [channel.context_team_id, channel.conversation_host_id, ...(channel.shared_team_ids ?? [])].filter(Boolean);
  if (workspaceId !== null && teams.length > 0 && !teams.includes(workspaceId)) return "that channel belongs to another workspace.";
  if (channel.is_im) return "that is a direct message, not a channel.";
  if (channel.is_archived) return "that channel is archived.";
  if (channel.is_member === false) return "the bot is not in that channel. Invite it first (/invite @briefing-bot), then try again.";
  return null;
}
