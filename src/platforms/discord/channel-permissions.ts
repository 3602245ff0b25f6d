import { PermissionFlagsBits, Routes, type REST } from "discord.js";

interface Overwrite {
  id: string;
  type: number;
  allow: string;
  deny: string;
}

export interface GuildChannel {
  id: string;
  guild_id?: string;
  permission_overwrites?: Overwrite[];
}

/** What a digest needs in its channel (the three permissions docs/discord.md asks for). */
export const POSTING_PERMISSIONS = [
  ["View Channel", PermissionFlagsBits.ViewChannel],
  ["Send Messages", PermissionFlagsBits.SendMessages],
  ["Embed Links", PermissionFlagsBits.EmbedLinks],
] as const;

/**
 * The bot's permissions in a guild channel, computed as Discord does: @everyone and the member's roles,
 * then the channel's @everyone, role and member overwrites. Null for a channel outside a guild.
 */
export async function botPermissionsIn(rest: REST, channel: GuildChannel, botId: string): Promise<bigint | null> {
  const guildId = channel.guild_id;
  if (!guildId) return null;
  const member = (await rest.get(Routes.guildMember(guildId, botId))) as { roles: string[] };
  const roles = (await rest.get(Routes.guildRoles(guildId))) as Array<{ id: string; permissions: string }>;
  const mine = new Set([guildId, ...member.roles]);
  let permissions = roles.filter((role) => mine.has(role.id)).reduce((sum, role) => sum | BigInt(role.permissions), 0n);
  if ((permissions & PermissionFlagsBits.Administrator) !== 0n) return ~0n;
  const overwrites = channel.permission_overwrites ?? [];
  const apply = (matching: Overwrite[]) => {
    const deny = matching.reduce((sum, o) => sum | BigInt(o.deny), 0n);
    const allow = matching.reduce((sum, o) => sum | BigInt(o.allow), 0n);
    permissions = (permissions & ~deny) | allow;
  };
  apply(overwrites.filter((o) => o.id === guildId));
  apply(overwrites.filter((o) => o.type === 0 && o.id !== guildId && member.roles.includes(o.id)));
  apply(overwrites.filter((o) => o.type === 1 && o.id === botId));
  return permissions;
}

/** Names of the posting permissions missing from `permissions`. */
export function missingPostingPermissions(permissions: bigint): string[] {
  return POSTING_PERMISSIONS.filter(([, flag]) => (permissions & flag) === 0n).map(([name]) => name);
}
