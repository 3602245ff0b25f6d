import { DiscordAPIError, Routes, type REST } from "discord.js";
import { botPermissionsIn, missingPostingPermissions, type GuildChannel } from "./channel-permissions.js";

// Text, announcement, and thread channels take messages; voice, category, forum and stage do not take plain ones.
const POSTABLE_TYPES = new Set([0, 5, 10, 11, 12]);
const THREAD_TYPES = new Set([10, 11, 12]);

type Channel = GuildChannel & { type?: number; parent_id?: string | null };

/**
 * Whether the bot may post to a Discord channel an admin named: the bot must see it (Discord answers
 * 404/403 otherwise), it must be in the invoker's server, take messages, and the bot's roles and the
 * channel's overwrites must let it view, send and embed there. Null when fine. `botId` resolves the
 * bot's own user id (asked once of `/users/@me`).
 */
export async function checkDiscordChannel(rest: REST, guildId: string | null, channelId: string, botId: () => Promise<string>): Promise<string | null> {
  let channel: Channel;
  try {
    channel = (await rest.get(Routes.channel(channelId))) as Channel;
  } catch (error) {
    if (isHidden(error)) return "the bot cannot see that channel. Check that it is in this server and the bot may view it.";
    throw error;
  }
  if (guildId === null || channel.guild_id !== guildId) return "that channel belongs to another server.";
  if (channel.type !== undefined && !POSTABLE_TYPES.has(channel.type)) return "that channel does not take messages.";
  // A thread has no overwrites of its own: it takes its parent channel's.
  const governing = channel.type !== undefined && THREAD_TYPES.has(channel.type) && channel.parent_id ? await parentOf(rest, channel) : channel;
  const permissions = await botPermissionsIn(rest, governing, await botId());
  const missing = permissions === null ? [] : missingPostingPermissions(permissions);
  if (missing.length === 0) return null;
  return `the bot lacks ${missing.join(", ")} in that channel. Grant them to the bot's role in the channel's settings (Permissions), then try again.`;
}

async function parentOf(rest: REST, thread: Channel): Promise<Channel> {
  return { ...((await rest.get(Routes.channel(thread.parent_id!))) as Channel), guild_id: thread.guild_id };
}

function isHidden(error: unknown): boolean {
  return error instanceof DiscordAPIError && (error.status === 404 || error.status === 403);
}
