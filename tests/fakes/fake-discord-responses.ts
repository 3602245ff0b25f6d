// Discord's answers, shared by the fake's routes: errors with their JSON codes, 429s with their headers.
import { messageProblems } from "./fake-discord-limits.js";
import type { FakeDiscordState, FakeMessage, FaultReply, Json } from "./fake-discord-state.js";

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: Json;
  authorization: string | null;
}

export interface FakeResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export const fail = (status: number, code: number, message: string): FakeResponse => ({ status, body: { message, code } });
export const ok = (body?: unknown): FakeResponse => (body === undefined ? { status: 204 } : { status: 200, body });

/** The answer Discord gives for an injected fault. */
export function faultResponse(reply: Exclude<FaultReply, { kind: "drop-response" }>): FakeResponse {
  switch (reply.kind) {
    case "rate-limit":
      return rateLimited(reply.retryAfterS, reply.global ?? false, reply.scope ?? (reply.global ? "global" : "user"));
    case "missing-access":
      return fail(403, 50001, "Missing Access");
    case "unknown-channel":
      return fail(404, 10003, "Unknown Channel");
    case "server-error":
      return fail(502, 0, "Bad Gateway");
    case "unauthorized":
      return fail(401, 0, "401: Unauthorized");
  }
}

export function rateLimited(retryAfterS: number, global: boolean, scope: string): FakeResponse {
  const headers: Record<string, string> = {
    "retry-after": String(retryAfterS),
    "x-ratelimit-limit": "5",
    "x-ratelimit-remaining": "0",
    "x-ratelimit-reset-after": String(retryAfterS),
    "x-ratelimit-bucket": "fake-bucket",
    "x-ratelimit-scope": scope,
  };
  if (global) headers["x-ratelimit-global"] = "true";
  return { status: 429, headers, body: { message: "You are being rate limited.", retry_after: retryAfterS, global, code: 0 } };
}

/** Checks a message against Discord's limits, recording what broke them; a 400 like Discord's, or null. */
export function refuse(state: FakeDiscordState, req: FakeRequest, allowEmpty = false): FakeResponse | null {
  const problems = messageProblems(req.body);
  const empty = !req.body.content && !(Array.isArray(req.body.embeds) && req.body.embeds.length > 0);
  if (empty && !allowEmpty) problems.push("empty message");
  if (problems.length === 0) return null;
  state.violations.push({ path: req.path, problems });
  return { status: 400, body: { message: "Invalid Form Body", code: problems.includes("empty message") ? 50006 : 50035, errors: problems } };
}

export function messageJson(state: FakeDiscordState, message: FakeMessage): Json {
  const { body } = message;
  return {
    id: message.id,
    type: 0,
    channel_id: message.channelId,
    content: body.content ?? "",
    embeds: body.embeds ?? [],
    flags: body.flags ?? 0,
    nonce: body.nonce,
    author: { id: message.webhookId ?? state.botUserId, username: "briefing-bot", discriminator: "0000", avatar: null, bot: true },
    webhook_id: message.webhookId ?? undefined,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    pinned: false,
    components: [],
  };
}
