import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { attachFakeGateway, type FakeGateway } from "./fake-discord-gateway.js";
import { interactionPayload, type CommandSpec } from "./fake-discord-interactions.js";
import { faultResponse, routeRest, type FakeResponse } from "./fake-discord-rest.js";
import { createFakeDiscordState, takeFault, type FakeDiscordState, type FaultReply, type InteractionResponse, type Json } from "./fake-discord-state.js";

export type { CommandSpec, FakeUser } from "./fake-discord-interactions.js";
export { PERMISSIONS } from "./fake-discord-interactions.js";
export type { FakeMessage, FaultReply, InteractionResponse, RecordedRequest } from "./fake-discord-state.js";

/** A token shaped like a real bot token, so leak checks look for the right thing. */
export const FAKE_DISCORD_TOKEN = "MTMwMDAwMDAwMDAwMDAwMDAwMQ.GfAk3d.s3cr3tT0k3nPartTh4tMustN3v3rBeL0gg3d";

export interface FakeDiscordOptions {
  token?: string;
  heartbeatIntervalMs?: number;
  /** Enforce a per-channel message bucket (sent in X-RateLimit-* headers, 429 beyond it). */
  channelRateLimit?: { limit: number; windowMs: number };
  /** Role ids the first server has besides @everyone (members hold them through `CommandSpec.roles`). */
  roles?: string[];
}

/**
 * A fake Discord on 127.0.0.1 for the real discord.js client: REST under `apiUrl` (`rest.api` option) and
 * a gateway at the URL its `/gateway/bot` returns. It records every request, message and interaction
 * answer, refuses what breaks Discord's limits with a 400 like Discord's, and fails on request.
 */
export interface FakeDiscord extends Omit<FakeDiscordState, "nextId" | "faults" | "buckets"> {
  apiUrl: string;
  gateway: FakeGateway;
  /** The first two guild text channels. */
  channelId: string;
  otherChannelId: string;
  /** The next `times` requests matching `method` and `path` (without `/api/v10`) get `reply`. */
  fail(match: { method?: string; path: RegExp }, reply: FaultReply, times?: number): void;
  createWebhook(channelId: string): { id: string; token: string; url: string };
  /** Puts the bot in one more server with one text channel; call before the client connects. */
  addGuild(): { guildId: string; channelId: string };
  /** Dispatches INTERACTION_CREATE for `/brief`; with `focused` set it is an autocomplete. */
  dispatch(spec: CommandSpec): { id: string; token: string; channelId: string };
  /** Delivers an interaction already dispatched once more, as a gateway replay would. */
  replay(interactionId: string): void;
  responsesTo(interactionId: string): InteractionResponse[];
  /** Resolves with the probe's first truthy value; rejects after `timeoutMs` naming what it waited for. */
  waitFor<T>(probe: () => T | undefined | null | false, what: string, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const state = createFakeDiscordState({ token: options.token ?? FAKE_DISCORD_TOKEN, applicationId: "1300000000000000000", channelRateLimit: options.channelRateLimit ?? null });
  state.roles = options.roles ?? [];
  const server = createServer((req, res) => void serve(state, req, res));
  const gateway = attachFakeGateway(server, state, options.heartbeatIntervalMs ?? 30_000);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.gatewayUrl = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/gateway`;
  const [channelId = "", otherChannelId = ""] = state.channels;
  const dispatched = new Map<string, Json>();

  const fake: FakeDiscord = Object.assign(state, {
    apiUrl: `${origin}/api`,
    gateway,
    channelId,
    otherChannelId,
    fail(match: { method?: string; path: RegExp }, reply: FaultReply, times = 1) {
      state.faults.push({ ...match, reply, times });
    },
    createWebhook(channel: string) {
      const id = state.nextId();
      const token = randomBytes(24).toString("base64url");
      state.webhooks.set(id, { token, channelId: channel });
      return { id, token, url: `${origin}/api/webhooks/${id}/${token}` };
    },
    addGuild() {
      const guildId = state.nextId();
      const channel = state.nextId();
      state.extraGuilds.set(guildId, new Set([channel]));
      state.channels.add(channel);
      return { guildId, channelId: channel };
    },
    dispatch(spec: CommandSpec) {
      const ids = { id: state.nextId(), token: `aW50ZXJhY3Rpb24${randomBytes(30).toString("base64url")}`, channelId: spec.channelId ?? channelId };
      if (spec.dm) ids.channelId = spec.channelId ?? state.nextId();
      state.interactions.set(ids.id, { id: ids.id, token: ids.token, channelId: ids.channelId, acknowledged: false });
      const payload = interactionPayload(state, spec, ids);
      dispatched.set(ids.id, payload);
      gateway.dispatch("INTERACTION_CREATE", payload);
      return ids;
    },
    replay(interactionId: string) {
      gateway.dispatch("INTERACTION_CREATE", dispatched.get(interactionId));
    },
    responsesTo: (interactionId: string) => state.responses.filter((r) => r.interactionId === interactionId),
    async waitFor<T>(probe: () => T | undefined | null | false, what: string, timeoutMs = 5_000): Promise<T> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = probe();
        if (value) return value;
        if (Date.now() > deadline) throw new Error(`fake Discord: timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    async close() {
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
  return fake;
}

async function serve(state: FakeDiscordState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const url = new URL(req.url ?? "/", "http://fake");
  const path = decodeURIComponent(url.pathname).replace(/^\/api(\/v\d+)?/, "");
  const text = Buffer.concat(chunks).toString("utf8");
  const body = (text ? JSON.parse(text) : {}) as Json;
  const method = req.method ?? "GET";
  const authorization = req.headers.authorization ?? null;
  const fault = takeFault(state, method, path);
  const answer: FakeResponse = fault && fault.kind !== "drop-response" ? faultResponse(fault) : routeRest(state, { method, path, query: url.searchParams, body, authorization });
  state.requests.push({ method, path, query: Object.fromEntries(url.searchParams), body: text ? body : null, authorization, status: answer.status });
  if (fault?.kind === "drop-response") {
    req.socket.destroy();
    return;
  }
  const headers = { ...answer.headers, ...(answer.body === undefined ? {} : { "content-type": "application/json" }) };
  res.writeHead(answer.status, headers);
  res.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
}
