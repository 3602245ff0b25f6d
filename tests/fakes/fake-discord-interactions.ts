import { guildOf, type FakeDiscordState, type Json } from "./fake-discord-state.js";

/** Manage Server (MANAGE_GUILD), Administrator and a typical member's bits, as Discord sends them. */
export const PERMISSIONS = { manageGuild: 1n << 5n, administrator: 1n << 3n, member: (1n << 10n) | (1n << 11n) } as const;

export interface FakeUser {
  id: string;
  username: string;
}

/** A `/brief` invocation as a user makes it; option values typed as Discord sends them. */
export interface CommandSpec {
  subcommand: string;
  options?: Record<string, string | boolean>;
  user: FakeUser;
  /** The member's permissions in the channel; ignored in a DM. Default: an ordinary member. */
  permissions?: bigint;
  /** The member's role ids in the server. */
  roles?: string[];
  /** A DM with the bot instead of a guild channel. */
  dm?: boolean;
  channelId?: string;
  /** For autocomplete: the option being typed. */
  focused?: string;
  /** Overrides the application id the interaction is for. */
  applicationId?: string;
}

const OPTION_TYPE = { subcommand: 1, string: 3, boolean: 5, channel: 7 } as const;

function optionsOf(spec: CommandSpec, channelOf: (id: string) => Json): { options: Json[]; resolved?: Json } {
  const options: Json[] = [];
  const channels: Record<string, Json> = {};
  for (const [name, value] of Object.entries(spec.options ?? {})) {
    const type = typeof value === "boolean" ? OPTION_TYPE.boolean : name === "channel" ? OPTION_TYPE.channel : OPTION_TYPE.string;
    if (type === OPTION_TYPE.channel) channels[String(value)] = channelOf(String(value));
    options.push({ name, type, value, ...(spec.focused === name ? { focused: true } : {}) });
  }
  return { options, ...(Object.keys(channels).length > 0 ? { resolved: { channels } } : {}) };
}

/** An INTERACTION_CREATE payload: type 2 (command) or 4 (autocomplete) for `/brief <subcommand>`. */
export function interactionPayload(state: FakeDiscordState, spec: CommandSpec, ids: { id: string; token: string; channelId: string }): Json {
  const user = { id: spec.user.id, username: spec.user.username, discriminator: "0", global_name: spec.user.username, avatar: null };
  const textChannel = (id: string): Json => ({ id, type: 0, name: "news", guild_id: guildOf(state, id), permissions: "1024", flags: 0, position: 0, permission_overwrites: [] });
  const { options, resolved } = optionsOf(spec, textChannel);
  const where: Json = spec.dm
    ? { user, channel: { id: ids.channelId, type: 1, flags: 0, recipients: [user] }, context: 1 }
    : {
        guild_id: guildOf(state, ids.channelId),
        guild_locale: "en-US",
        channel: textChannel(ids.channelId),
        member: { user, roles: spec.roles ?? [], permissions: String(spec.permissions ?? PERMISSIONS.member), joined_at: "2026-01-01T00:00:00.000Z", deaf: false, mute: false, flags: 0, nick: null, avatar: null, pending: false, premium_since: null, communication_disabled_until: null },
        context: 0,
      };
  return {
    id: ids.id,
    token: ids.token,
    application_id: spec.applicationId ?? state.applicationId,
    type: spec.focused === undefined ? 2 : 4,
    version: 1,
    locale: "en-US",
    app_permissions: "2048",
    entitlements: [],
    authorizing_integration_owners: spec.dm ? { "1": spec.user.id } : { "0": guildOf(state, ids.channelId) },
    attachment_size_limit: 10_485_760,
    data: {
      id: state.nextId(),
      name: "brief",
      type: 1,
      options: [{ name: spec.subcommand, type: OPTION_TYPE.subcommand, options }],
      ...(resolved ? { resolved } : {}),
    },
    ...where,
  };
}
