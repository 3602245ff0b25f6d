import { choiceProblems } from "./fake-discord-limits.js";
import { fail, messageJson, ok, rateLimited, refuse, type FakeRequest, type FakeResponse } from "./fake-discord-responses.js";
import { guildIds, guildOf, type FakeDiscordState, type FakeMessage, type Json } from "./fake-discord-state.js";

export { faultResponse, type FakeRequest, type FakeResponse } from "./fake-discord-responses.js";

type Route = [method: string, path: RegExp, auth: boolean, handle: (state: FakeDiscordState, req: FakeRequest, params: string[]) => FakeResponse];

function record(state: FakeDiscordState, channelId: string, via: FakeMessage["via"], webhookId: string | null, body: Json): FakeMessage {
  const message = { id: state.nextId(), channelId, via, webhookId, body };
  state.messages.push(message);
  return message;
}

/** A per-channel bucket like Discord's, with its headers; a 429 when the client ignored them. */
function channelBucket(state: FakeDiscordState, channelId: string): FakeResponse | Record<string, string> {
  const limit = state.channelRateLimit;
  if (!limit) return {};
  const now = Date.now();
  let bucket = state.buckets.get(channelId);
  if (!bucket || now - bucket.start >= limit.windowMs) state.buckets.set(channelId, (bucket = { start: now, count: 0 }));
  const resetAfter = String((limit.windowMs - (now - bucket.start)) / 1000);
  if (bucket.count >= limit.limit) {
    state.rateLimitHits += 1;
    return rateLimited(Number(resetAfter), false, "user");
  }
  bucket.count += 1;
  return { "x-ratelimit-limit": String(limit.limit), "x-ratelimit-remaining": String(limit.limit - bucket.count), "x-ratelimit-reset-after": resetAfter, "x-ratelimit-bucket": "channel-messages" };
}

function createChannelMessage(state: FakeDiscordState, req: FakeRequest, [channelId = ""]: string[]): FakeResponse {
  const known = state.channels.has(channelId) || [...state.dmChannels.values()].includes(channelId);
  if (!known) return fail(404, 10003, "Unknown Channel");
  if (state.forbiddenChannels.has(channelId)) return fail(403, 50001, "Missing Access");
  if (state.readOnlyChannels.has(channelId)) return fail(403, 50013, "Missing Permissions");
  const nonce = typeof req.body.nonce === "string" || typeof req.body.nonce === "number" ? String(req.body.nonce) : null;
  const earlier = nonce && req.body.enforce_nonce === true ? state.messages.find((m) => m.via === "bot" && String(m.body.nonce) === nonce) : undefined;
  if (earlier) return ok(messageJson(state, earlier));
  const bucket = channelBucket(state, channelId);
  if ("status" in bucket) return bucket as FakeResponse;
  const refused = refuse(state, req);
  if (refused) return refused;
  return { status: 200, headers: bucket as Record<string, string>, body: messageJson(state, record(state, channelId, "bot", null, req.body)) };
}

function interactionCallback(state: FakeDiscordState, req: FakeRequest, [id = "", token = ""]: string[]): FakeResponse {
  const interaction = state.interactions.get(id);
  if (!interaction || interaction.token !== token) return fail(404, 10062, "Unknown interaction");
  if (interaction.acknowledged) return fail(400, 40060, "Interaction has already been acknowledged.");
  const type = Number(req.body.type);
  const data = (req.body.data ?? {}) as Json;
  if (type === 4) {
    const refused = refuse(state, { ...req, body: data });
    if (refused) return refused;
  }
  if (type === 8) {
    const problems = choiceProblems(data.choices);
    if (problems.length > 0) {
      state.violations.push({ path: req.path, problems });
      return { status: 400, body: { message: "Invalid Form Body", code: 50035, errors: problems } };
    }
  }
  interaction.acknowledged = true;
  state.responses.push({ interactionId: id, kind: "callback", type, body: data });
  return ok();
}

function interactionByToken(state: FakeDiscordState, appId: string, token: string) {
  if (appId !== state.applicationId) return undefined;
  return [...state.interactions.values()].find((i) => i.token === token && i.acknowledged);
}

function editOriginal(state: FakeDiscordState, req: FakeRequest, [appId = "", token = ""]: string[]): FakeResponse {
  const interaction = interactionByToken(state, appId, token);
  if (!interaction) return fail(404, 10015, "Unknown Webhook");
  const refused = refuse(state, req, true);
  if (refused) return refused;
  state.responses.push({ interactionId: interaction.id, kind: "edit", type: null, body: req.body });
  return ok(messageJson(state, { id: interaction.id, channelId: interaction.channelId, via: "webhook", webhookId: appId, body: req.body }));
}

function deleteOriginal(state: FakeDiscordState, _req: FakeRequest, [appId = "", token = ""]: string[]): FakeResponse {
  const interaction = interactionByToken(state, appId, token);
  if (!interaction) return fail(404, 10015, "Unknown Webhook");
  state.responses.push({ interactionId: interaction.id, kind: "delete", type: null, body: {} });
  return ok();
}

function executeWebhook(state: FakeDiscordState, req: FakeRequest, [id = "", token = ""]: string[]): FakeResponse {
  const interaction = interactionByToken(state, id, token);
  if (interaction) {
    const refused = refuse(state, req);
    if (refused) return refused;
    state.responses.push({ interactionId: interaction.id, kind: "follow-up", type: null, body: req.body });
    return ok(messageJson(state, { id: state.nextId(), channelId: interaction.channelId, via: "webhook", webhookId: id, body: req.body }));
  }
  const webhook = state.webhooks.get(id);
  if (!webhook || !state.channels.has(webhook.channelId)) return fail(404, 10015, "Unknown Webhook");
  if (webhook.token !== token) return fail(401, 50027, "Invalid Webhook Token");
  const refused = refuse(state, req);
  if (refused) return refused;
  const message = record(state, webhook.channelId, "webhook", id, req.body);
  return req.query.get("wait") === "true" ? ok(messageJson(state, message)) : ok();
}

function openDm(state: FakeDiscordState, req: FakeRequest): FakeResponse {
  const userId = String(req.body.recipient_id ?? "");
  if (!/^\d{17,20}$/.test(userId)) return fail(400, 50035, "Invalid Form Body");
  let channelId = state.dmChannels.get(userId);
  if (!channelId) state.dmChannels.set(userId, (channelId = state.nextId()));
  return ok({ id: channelId, type: 1, last_message_id: null, flags: 0, recipients: [{ id: userId, username: `user${userId.slice(-4)}`, discriminator: "0", avatar: null }] });
}

function putCommands(state: FakeDiscordState, req: FakeRequest, [appId = "", guildId]: string[]): FakeResponse {
  if (appId !== state.applicationId) return fail(403, 50001, "Missing Access");
  if (guildId !== undefined && guildId !== state.guildId) return fail(403, 50001, "Missing Access");
  const commands = (Array.isArray(req.body) ? req.body : []) as Json[];
  state.registrations.push({ scope: guildId ? "guild" : "global", guildId: guildId ?? null, commands });
  return ok(commands.map((command) => ({ ...command, id: state.nextId(), application_id: appId, guild_id: guildId, version: state.nextId() })));
}

function getChannel(state: FakeDiscordState, _req: FakeRequest, [channelId = ""]: string[]): FakeResponse {
  if (!state.channels.has(channelId)) return fail(404, 10003, "Unknown Channel");
  if (state.forbiddenChannels.has(channelId)) return fail(403, 50001, "Missing Access");
  // View Channel, Send Messages and Embed Links come from @everyone; a read-only channel denies sending.
  const overwrites = state.readOnlyChannels.has(channelId) ? [{ id: state.guildId, type: 0, allow: "0", deny: String(1 << 11) }] : [];
  return ok({ id: channelId, type: 0, guild_id: guildOf(state, channelId), name: `channel-${channelId.slice(-4)}`, permission_overwrites: overwrites });
}

function getMember(state: FakeDiscordState, _req: FakeRequest, [guildId = "", userId = ""]: string[]): FakeResponse {
  if (!guildIds(state).includes(guildId) || userId !== state.botUserId) return fail(404, 10007, "Unknown Member");
  return ok({ user: { id: userId, username: "briefing-bot", bot: true }, roles: [], joined_at: "2026-01-01T00:00:00.000Z" });
}

function getRoles(state: FakeDiscordState, _req: FakeRequest, [guildId = ""]: string[]): FakeResponse {
  if (!guildIds(state).includes(guildId)) return fail(403, 50001, "Missing Access");
  return ok([{ id: guildId, name: "@everyone", permissions: String((1 << 10) | (1 << 11) | (1 << 14)), position: 0 }]);
}

function getWebhook(state: FakeDiscordState, _req: FakeRequest, [id = "", token = ""]: string[]): FakeResponse {
  const webhook = state.webhooks.get(id);
  if (!webhook || !state.channels.has(webhook.channelId)) return fail(404, 10015, "Unknown Webhook");
  if (webhook.token !== token) return fail(401, 50027, "Invalid Webhook Token");
  return ok({ id, type: 1, channel_id: webhook.channelId, guild_id: state.guildId, name: "briefing" });
}

const ROUTES: Route[] = [
  ["GET", /^\/channels\/(\d+)$/, true, getChannel],
  ["GET", /^\/guilds\/(\d+)\/members\/(\d+)$/, true, getMember],
  ["GET", /^\/guilds\/(\d+)\/roles$/, true, getRoles],
  ["GET", /^\/webhooks\/(\d+)\/([^/]+)$/, false, getWebhook],
  ["GET", /^\/gateway\/bot$/, true, (s) => ok({ url: s.gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } })],
  ["GET", /^\/gateway$/, false, (s) => ok({ url: s.gatewayUrl })],
  ["GET", /^\/users\/@me$/, true, (s) => ok({ id: s.botUserId, username: "briefing-bot", discriminator: "0000", avatar: null, bot: true })],
  ["GET", /^\/applications\/@me$/, true, (s) => ok({ id: s.applicationId, name: "briefing-bot", bot_public: false, flags: 0 })],
  ["PUT", /^\/applications\/(\d+)\/commands$/, true, putCommands],
  ["PUT", /^\/applications\/(\d+)\/guilds\/(\d+)\/commands$/, true, putCommands],
  ["POST", /^\/interactions\/(\d+)\/([^/]+)\/callback$/, false, interactionCallback],
  ["PATCH", /^\/webhooks\/(\d+)\/([^/]+)\/messages\/@original$/, false, editOriginal],
  ["DELETE", /^\/webhooks\/(\d+)\/([^/]+)\/messages\/@original$/, false, deleteOriginal],
  ["POST", /^\/webhooks\/(\d+)\/([^/]+)$/, false, executeWebhook],
  ["POST", /^\/channels\/(\d+)\/messages$/, true, createChannelMessage],
  ["POST", /^\/users\/@me\/channels$/, true, openDm],
];

/** Answers one REST request the way Discord would. */
export function routeRest(state: FakeDiscordState, req: FakeRequest): FakeResponse {
  for (const [method, pattern, auth, handle] of ROUTES) {
    const match = pattern.exec(req.path);
    if (!match || method !== req.method) continue;
    if (auth && req.authorization !== `Bot ${state.token}`) return fail(401, 0, "401: Unauthorized");
    return handle(state, req, match.slice(1));
  }
  return fail(404, 0, "404: Not Found");
}
