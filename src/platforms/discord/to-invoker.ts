import { PermissionFlagsBits, PermissionsBitField } from "discord.js";
import type { Invoker } from "../../commands/brief-command.js";

/** What a verified interaction says about who asked and where; read from the gateway payload only. */
export interface InteractionOrigin {
  guildId: string | null;
  channelId: string | null;
  userId: string;
  /** The member's permissions in the channel (`member.permissions`); null in a DM. */
  permissions: bigint | null;
  /** The member's role ids (`member.roles`); empty in a DM. */
  roleIds?: readonly string[];
}

/** Role ids of the member behind an interaction: discord.js gives a role manager for cached members, ids otherwise. */
export function memberRoleIds(member: { roles: readonly string[] | { cache: { keys(): Iterable<string> } } } | null): string[] {
  if (!member) return [];
  return Array.isArray(member.roles) ? [...(member.roles as readonly string[])] : [...(member.roles as { cache: { keys(): Iterable<string> } }).cache.keys()];
}

/**
 * The invoker of a command. Admin means Manage Server (Administrator implies it), or a user id or (in a
 * server) one of the member's role ids on the configured allow-list; in a DM there are no server
 * permissions or roles. Null without a channel to answer in.
 */
export function toInvoker(origin: InteractionOrigin, admins: readonly string[]): Invoker | null {
  if (origin.channelId === null) return null;
  const managesServer = origin.permissions !== null && new PermissionsBitField(origin.permissions).has(PermissionFlagsBits.ManageGuild);
  return {
    platform: "discord",
    workspaceId: origin.guildId,
    channelId: origin.channelId,
    userId: origin.userId,
    isPlatformAdmin:
      (origin.guildId !== null && (managesServer || (origin.roleIds ?? []).some((role) => admins.includes(role)))) || admins.includes(origin.userId),
  };
}
