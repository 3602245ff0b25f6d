/** What the fake Discord knows and records; the REST routes and the gateway share one of these. */

export type Json = Record<string, unknown>;

export interface RecordedRequest {
  method: string;
  /** Path without the `/api/v10` prefix, e.g. `/channels/123/messages`. */
  path: string;
  query: Record<string, string>;
  body: unknown;
  authorization: string | null;
  status: number;
}

export interface FakeMessage {
  id: string;
  channelId: string;
  via: "bot" | "webhook";
  webhookId: string | null;
  body: Json;
}

/** An answer to an interaction: the callback, an edit of the original, a follow-up, or its deletion. */
export interface InteractionResponse {
  interactionId: string;
  kind: "callback" | "edit" | "follow-up" | "delete";
  /** Callback type: 4 message, 5 deferred message, 8 autocomplete result. */
  type: number | null;
  body: Json;
}

export interface Registration {
  scope: "global" | "guild";
  guildId: string | null;
  commands: Json[];
}

/** An injected failure: the next `times` requests matching `method` and `path` get `reply`. */
export type FaultReply =
  | { kind: "rate-limit"; retryAfterS: number; global?: boolean; scope?: "user" | "shared" | "global" }
  | { kind: "missing-access" }
  | { kind: "unknown-channel" }
  | { kind: "server-error" }
  | { kind: "unauthorized" }
  /** The request is carried out, then the connection is cut before the answer: a lost response. */
  | { kind: "drop-response" };

export interface Fault {
  method?: string;
  path: RegExp;
  times: number;
  reply: FaultReply;
}

export interface FakeInteraction {
  id: string;
  token: string;
  channelId: string;
  acknowledged: boolean;
}

export interface FakeDiscordState {
  token: string;
  applicationId: string;
  botUserId: string;
  guildId: string;
  /** Every guild text channel, the extra guilds' included. */
  channels: Set<string>;
  /** Guilds besides `guildId` the bot is in (a bot serving several servers), by id, with their channels. */
  extraGuilds: Map<string, Set<string>>;
  /** Roles of the first guild besides @everyone. */
  roles: string[];
  forbiddenChannels: Set<string>;
  /** Channels the bot can see but where an overwrite denies it Send Messages. */
  readOnlyChannels: Set<string>;
  dmChannels: Map<string, string>;
  webhooks: Map<string, { token: string; channelId: string }>;
  interactions: Map<string, FakeInteraction>;
  requests: RecordedRequest[];
  messages: FakeMessage[];
  responses: InteractionResponse[];
  registrations: Registration[];
  violations: Array<{ path: string; problems: string[] }>;
  faults: Fault[];
  /** Per-channel message bucket, when the fake enforces one. */
  channelRateLimit: { limit: number; windowMs: number } | null;
  buckets: Map<string, { start: number; count: number }>;
  /** Messages refused with 429 by the bucket: a client that respects the headers keeps this at 0. */
  rateLimitHits: number;
  nextId(): string;
  gatewayUrl: string;
}

export function createFakeDiscordState(options: { token: string; applicationId: string; channelRateLimit: FakeDiscordState["channelRateLimit"] }): FakeDiscordState {
  let counter = 0n;
  const nextId = () => String(1_300_000_000_000_000_000n + ++counter);
  const guildId = nextId();
  return {
    token: options.token,
    applicationId: options.applicationId,
    botUserId: options.applicationId,
    guildId,
    channels: new Set([nextId(), nextId()]),
    extraGuilds: new Map(),
    roles: [],
    forbiddenChannels: new Set(),
    readOnlyChannels: new Set(),
    dmChannels: new Map(),
    webhooks: new Map(),
    interactions: new Map(),
    requests: [],
    messages: [],
    responses: [],
    registrations: [],
    violations: [],
    faults: [],
    channelRateLimit: options.channelRateLimit,
    buckets: new Map(),
    rateLimitHits: 0,
    nextId,
    gatewayUrl: "",
  };
}

/** The first fault that matches a request, counted down; null when none does. */
export function takeFault(state: FakeDiscordState, method: string, path: string): FaultReply | null {
  const fault = state.faults.find((f) => f.times > 0 && (!f.method || f.method === method) && f.path.test(path));
  if (!fault) return null;
  fault.times -= 1;
  return fault.reply;
}

/** The guild a channel belongs to: an extra guild's, else the first guild. */
export function guildOf(state: FakeDiscordState, channelId: string): string {
  for (const [guildId, channels] of state.extraGuilds) if (channels.has(channelId)) return guildId;
  return state.guildId;
}

/** Every guild the bot is in, the first one first. */
export function guildIds(state: FakeDiscordState): string[] {
  return [state.guildId, ...state.extraGuilds.keys()];
}
