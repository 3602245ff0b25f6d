import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One Web API call as the fake received it (accepted or not). */
export interface FakeSlackCall {
  method: string;
  args: Record<string, unknown>;
  /** The bearer token sent, for auth checks in tests; never printed. */
  token: string | null;
}

/** A message in the fake's channel history. */
export interface FakeSlackMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: unknown[] | null;
  metadata: { event_type: string; event_payload: Record<string, unknown> } | null;
  args: Record<string, unknown>;
}

/** What the next matching call answers instead of doing its job. `drop` does the job, then cuts the connection. */
export type FakeSlackFault =
  | { kind: "error"; error: string }
  | { kind: "rate-limit"; retryAfterSec: number }
  | { kind: "http"; status: number }
  | { kind: "drop" };

export interface FakeChannel {
  id: string;
  name: string;
  isMember?: boolean;
  isArchived?: boolean;
  /** The workspace the channel belongs to (default T0FAKE, the one the test kit's commands come from). */
  teamId?: string;
}

export interface FakeSlackApiOptions {
  botToken: string;
  appToken?: string;
  channels?: FakeChannel[];
  users?: Record<string, { is_admin?: boolean; is_owner?: boolean }>;
  /** Where apps.connections.open points the Socket Mode client. */
  socketUrl?: string;
  /** Milliseconds since the epoch for message timestamps; tests with a manual clock pass theirs. */
  now?: () => number;
  /** Scopes granted to the bot token, sent as `x-oauth-scopes` like Slack does; default none sent. */
  scopes?: string[];
  /** The app's OAuth credentials and the codes Slack's authorize page would hand out. */
  oauth?: FakeSlackOAuth;
}

/** One workspace's grant: exchanging `code` (once) at oauth.v2.access yields `botToken` for `teamId`. */
export interface FakeSlackGrant {
  code: string;
  teamId: string;
  teamName: string;
  botToken: string;
  installerId: string;
}

export interface FakeSlackOAuth {
  clientId: string;
  clientSecret: string;
  grants: FakeSlackGrant[];
}

export interface FakeSlackApi {
  /** Base URL for `slackApiUrl` (ends with `/`). */
  apiUrl: string;
  /** A response_url for a slash-command payload; posts to it are recorded in `responses`. */
  responseUrl(id: string): string;
  calls: FakeSlackCall[];
  callsTo(method: string): FakeSlackCall[];
  messages: FakeSlackMessage[];
  responses: { id: string; body: Record<string, unknown> }[];
  failNext(method: string, fault: FakeSlackFault, times?: number): void;
  setSocketUrl(url: string): void;
  /** Home views published with views.publish, last first per user. */
  views: { userId: string; token: string | null; view: { type: string; blocks: Array<Record<string, unknown>> } }[];
  close(): Promise<void>;
}

export const BLOCK_LIMITS = { blocks: 50, sectionText: 3000, headerText: 150, text: 40_000, sectionFields: 10, contextElements: 10 } as const;

/** The Block Kit limits Slack enforces; an empty list means Slack would accept the message. */
export function blockKitProblems(text: unknown, blocks: unknown): string[] {
  const problems: string[] = [];
  if (typeof text === "string" && text.length > BLOCK_LIMITS.text) problems.push(`text longer than ${BLOCK_LIMITS.text}`);
  if (blocks === undefined || blocks === null) return (typeof text === "string" && text !== "") || problems.length ? problems : ["no_text"];
  if (!Array.isArray(blocks)) return ["blocks is not an array"];
  if (blocks.length > BLOCK_LIMITS.blocks) problems.push(`${blocks.length} blocks (max ${BLOCK_LIMITS.blocks})`);
  blocks.forEach((block: { type?: string; text?: { text?: string }; fields?: unknown[]; elements?: unknown[] }, i) => {
    const length = block.text?.text?.length ?? 0;
    if (block.type === "section" && length > BLOCK_LIMITS.sectionText) problems.push(`blocks[${i}] section text ${length} > ${BLOCK_LIMITS.sectionText}`);
    if (block.type === "section" && (block.fields?.length ?? 0) > BLOCK_LIMITS.sectionFields) problems.push(`blocks[${i}] has too many fields`);
    if (block.type === "header" && length > BLOCK_LIMITS.headerText) problems.push(`blocks[${i}] header text ${length} > ${BLOCK_LIMITS.headerText}`);
    if (block.type === "context" && (block.elements?.length ?? 0) > BLOCK_LIMITS.contextElements) problems.push(`blocks[${i}] has too many elements`);
  });
  return problems;
}

type Answer = { status?: number; headers?: Record<string, string>; body: Record<string, unknown> };

/** A fake Slack Web API on 127.0.0.1: records every call, keeps channel histories, injects faults. */
export async function startFakeSlackApi(options: FakeSlackApiOptions): Promise<FakeSlackApi> {
  const channels = new Map((options.channels ?? []).map((c) => [c.id, { isMember: true, isArchived: false, ...c }]));
  const now = options.now ?? Date.now;
  const faults = new Map<string, FakeSlackFault[]>();
  const calls: FakeSlackCall[] = [];
  const messages: FakeSlackMessage[] = [];
  const responses: FakeSlackApi["responses"] = [];
  let socketUrl = options.socketUrl ?? "";
  const views: FakeSlackApi["views"] = [];
  // Tokens issued by oauth.v2.access, with their workspace; a code is exchanged once.
  const issued = new Map<string, string>();
  const usedCodes = new Set<string>();
  let serial = 0;

  const ok = (body: Record<string, unknown> = {}): Answer => ({ body: { ok: true, ...body } });
  const fail = (error: string, extra: Record<string, unknown> = {}): Answer => ({ body: { ok: false, error, ...extra } });

  function conversationFor(channel: string): { id: string } | Answer {
    if (/^[UW]/.test(channel)) return { id: `D${channel}` };
    if (channel.startsWith("D")) return { id: channel };
    const found = channels.get(channel) ?? [...channels.values()].find((c) => `#${c.name}` === channel);
    if (!found) return fail("channel_not_found");
    if (found.isArchived) return fail("is_archived");
    if (!found.isMember) return fail("not_in_channel");
    return { id: found.id };
  }

  const methods: Record<string, (args: Record<string, unknown>) => Answer> = {
    "auth.test": () => ok({ url: "https://fake.slack.test/", team: "Fake", team_id: "T0FAKE", user: "briefing", user_id: "U0BOT", bot_id: "B0BOT" }),
    "oauth.v2.access": (args) => {
      const oauth = options.oauth;
      if (!oauth || args.client_id !== oauth.clientId || args.client_secret !== oauth.clientSecret) return fail("invalid_client_id");
      const grant = oauth.grants.find((g) => g.code === args.code);
      if (!grant || usedCodes.has(grant.code)) return fail("invalid_code");
      usedCodes.add(grant.code);
      issued.set(grant.botToken, grant.teamId);
      return ok({
        app_id: "A0APP",
        access_token: grant.botToken,
        token_type: "bot",
        scope: "commands,chat:write",
        bot_user_id: `U0BOT${grant.teamId}`,
        team: { id: grant.teamId, name: grant.teamName },
        enterprise: null,
        is_enterprise_install: false,
        authed_user: { id: grant.installerId },
      });
    },
    "views.publish": (args) => {
      const view = args.view as FakeSlackApi["views"][number]["view"];
      if (!Array.isArray(view?.blocks) || view.blocks.length > 100) return fail("invalid_arguments");
      return ok({ view: { id: "V0HOME", ...view } });
    },
    "apps.connections.open": () => ok({ url: socketUrl }),
    "users.info": (args) => {
      const user = options.users?.[String(args.user)];
      return user ? ok({ user: { id: args.user, is_admin: false, is_owner: false, ...user } }) : fail("user_not_found");
    },
    "conversations.list": () => ok({ channels: [...channels.values()].map((c) => ({ id: c.id, name: c.name, is_member: c.isMember })), response_metadata: { next_cursor: "" } }),
    "conversations.info": (args) => {
      const found = channels.get(String(args.channel));
      if (!found) return fail("channel_not_found");
      return ok({ channel: { id: found.id, name: found.name, is_channel: true, is_member: found.isMember ?? false, is_archived: found.isArchived ?? false, context_team_id: found.teamId ?? "T0FAKE" } });
    },
    "conversations.open": (args) => ok({ channel: { id: `D${String(args.users)}` } }),
    "chat.postMessage": (args) => {
      const target = conversationFor(String(args.channel));
      if ("body" in target) return target;
      const problems = blockKitProblems(args.text, args.blocks);
      if (problems.length) return fail(problems[0] === "no_text" ? "no_text" : "invalid_blocks", { errors: problems });
      serial += 1;
      const ts = `${Math.floor(now() / 1000)}.${String(serial).padStart(6, "0")}`;
      const metadata = (args.metadata as FakeSlackMessage["metadata"]) ?? null;
      messages.push({ channel: target.id, ts, text: String(args.text ?? ""), blocks: (args.blocks as unknown[]) ?? null, metadata, args });
      return ok({ channel: target.id, ts, message: { text: args.text, ts } });
    },
    "chat.postEphemeral": (args) => {
      const target = conversationFor(String(args.channel));
      if ("body" in target) return target;
      const problems = blockKitProblems(args.text, args.blocks);
      return problems.length ? fail("invalid_blocks", { errors: problems }) : ok({ message_ts: `${Math.floor(now() / 1000)}.999999` });
    },
    "conversations.history": (args) => {
      const oldest = Number(args.oldest ?? 0);
      const limit = Number(args.limit ?? 100);
      const withMetadata = args.include_all_metadata === true;
      const start = Number(args.cursor ?? 0);
      const all = messages.filter((m) => m.channel === args.channel && Number(m.ts) > oldest).reverse();
      const page = all.slice(start, start + limit).map((m) => ({ type: "message", ts: m.ts, text: m.text, ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}) }));
      const more = start + limit < all.length;
      return ok({ messages: page, has_more: more, response_metadata: { next_cursor: more ? String(start + limit) : "" } });
    },
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const raw = await readBody(request);
    const path = new URL(request.url ?? "/", "http://127.0.0.1").pathname;
    if (path.startsWith("/respond/")) {
      const body = JSON.parse(raw || "{}") as Record<string, unknown>;
      responses.push({ id: path.slice("/respond/".length), body });
      const problems = blockKitProblems(body.text, body.blocks);
      response.writeHead(problems.length ? 400 : 200).end(problems.length ? "invalid_blocks" : "ok");
      return;
    }
    const method = path.replace(/^\/api\//, "");
    const args = parseArgs(raw, request.headers["content-type"]);
    const token = (request.headers.authorization ?? "").replace(/^Bearer /, "") || null;
    calls.push({ method, args, token });
    const fault = faults.get(method)?.shift();
    const expected = method === "apps.connections.open" ? options.appToken : token !== null && issued.has(token) ? token : options.botToken;
    let answer: Answer;
    if (fault?.kind === "rate-limit") answer = { status: 429, headers: { "retry-after": String(fault.retryAfterSec) }, body: { ok: false, error: "ratelimited" } };
    else if (fault?.kind === "http") answer = { status: fault.status, body: { ok: false, error: "http" } };
    else if (fault?.kind === "error") answer = fail(fault.error);
    else if (token !== expected && method !== "oauth.v2.access") answer = fail("invalid_auth");
    else answer = methods[method]?.(args) ?? fail("unknown_method");
    if (method === "views.publish" && answer.body.ok) views.unshift({ userId: String(args.user_id), token, view: args.view as FakeSlackApi["views"][number]["view"] });
    if (fault?.kind === "drop") return void response.socket?.destroy();
    const scopes = options.scopes && token === options.botToken ? { "x-oauth-scopes": options.scopes.join(",") } : {};
    response.writeHead(answer.status ?? 200, { "content-type": "application/json", ...scopes, ...answer.headers }).end(JSON.stringify(answer.body));
  }

  const server = createServer((request, response) => void handle(request, response).catch(() => response.writeHead(500).end()));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    apiUrl: `${base}/api/`,
    responseUrl: (id) => `${base}/respond/${id}`,
    calls,
    callsTo: (method) => calls.filter((call) => call.method === method),
    messages,
    responses,
    failNext(method, fault, times = 1) {
      faults.set(method, [...(faults.get(method) ?? []), ...Array.from({ length: times }, () => fault)]);
    },
    setSocketUrl(url) {
      socketUrl = url;
    },
    views,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** The Web API client sends forms whose object fields are JSON strings; JSON bodies are taken as they are. */
function parseArgs(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.includes("application/json")) return JSON.parse(raw || "{}") as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = value === "true" ? true : value === "false" ? false : /^[[{]/.test(value) ? safeJson(value) : value;
  }
  return args;
}

function safeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
