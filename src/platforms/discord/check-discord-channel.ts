import { DiscordAPIError, type REST } from "discord.js";
import { Routes } from "discord.js";

// Text, announcement, and thread channels take messages; voice, category, forum and stage do not take plain ones.
const POSTABLE_TYPES = new Set([0, 5, 10, 11, 12]);

/**
 * Whether the bot may post to a Discord channel an admin named: the bot must see it (Discord answers
 * 404/403 otherwise), it must be in the invoker's server, and take messages. Null when fine.
 */
export async function checkDiscordChannel(rest: REST, guildId: string | null, channelId: string): Promise<string | null> {
  let channel: { guild_id?: string; type?: number };
  try {
    channel = (await rest.get(Routes.channel(channelId))) as { guild_id?: string; type?: number };
  } catch (error) {
    if (error instanceof DiscordAPIError && (error.status === 404 || error.status === 403)) {
      return "the bot cannot see that channel. Check that it is in this server and the bot may view it.";
    }
    throw error;
  }
  if (guildId === null || channel.guild_id !== guildId) return "that channel belongs to another server.";
  if (channel.type !== undefined && !POSTABLE_TYPES.has(channel.type)) return "that channel does not take messages.";
  return null;
}
