import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import { guildIds, guildOf, type FakeDiscordState, type Json } from "./fake-discord-state.js";

/** Gateway opcodes (discord-api-types GatewayOpcodes), spelled out so the fake reads like the protocol. */
const OP = { dispatch: 0, heartbeat: 1, identify: 2, resume: 6, reconnect: 7, invalidSession: 9, hello: 10, heartbeatAck: 11 } as const;

export interface FakeGateway {
  /** IDENTIFY payloads received (token included: tests compare it, never print it). */
  identifies: Json[];
  heartbeats: number;
  /** Sends a dispatch event to every identified session. */
  dispatch(event: string, data: unknown): void;
  readySessions(): number;
  close(): Promise<void>;
}

interface Session {
  socket: WebSocket;
  seq: number;
  identified: boolean;
}

/** HELLO, IDENTIFY → READY and GUILD_CREATE, heartbeats with ACKs, then whatever a test dispatches. */
export function attachFakeGateway(server: Server, state: FakeDiscordState, heartbeatIntervalMs: number): FakeGateway {
  const wss = new WebSocketServer({ noServer: true });
  const sessions = new Set<Session>();
  const gateway: FakeGateway = {
    identifies: [],
    heartbeats: 0,
    dispatch(event, data) {
      for (const session of sessions) if (session.identified) send(session, { op: OP.dispatch, t: event, s: ++session.seq, d: data });
    },
    readySessions: () => [...sessions].filter((s) => s.identified).length,
    async close() {
      for (const session of sessions) session.socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };

  const send = (session: Session, payload: Json) => session.socket.send(JSON.stringify({ s: null, t: null, ...payload }));

  function onMessage(session: Session, raw: string) {
    const packet = JSON.parse(raw) as { op: number; d: Json };
    switch (packet.op) {
      case OP.heartbeat:
        gateway.heartbeats += 1;
        return send(session, { op: OP.heartbeatAck });
      case OP.identify:
        gateway.identifies.push(packet.d);
        if (packet.d.token !== state.token) return session.socket.close(4004, "Authentication failed.");
        session.identified = true;
        send(session, { op: OP.dispatch, t: "READY", s: ++session.seq, d: readyData(state) });
        for (const guildId of guildIds(state)) send(session, { op: OP.dispatch, t: "GUILD_CREATE", s: ++session.seq, d: guildData(state, guildId) });
        return undefined;
      case OP.resume:
        return send(session, { op: OP.invalidSession, d: false });
      default:
        return undefined;
    }
  }

  wss.on("connection", (socket: WebSocket) => {
    const session: Session = { socket, seq: 0, identified: false };
    sessions.add(session);
    socket.on("message", (data) => onMessage(session, String(data)));
    socket.on("close", () => sessions.delete(session));
    send(session, { op: OP.hello, d: { heartbeat_interval: heartbeatIntervalMs } });
  });
  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!req.url?.startsWith("/gateway")) return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, req));
  });
  return gateway;
}

function readyData(state: FakeDiscordState): Json {
  return {
    v: 10,
    user: { id: state.botUserId, username: "briefing-bot", discriminator: "0000", global_name: null, avatar: null, bot: true, flags: 0 },
    guilds: guildIds(state).map((id) => ({ id, unavailable: true })),
    session_id: `session-${state.nextId()}`,
    resume_gateway_url: state.gatewayUrl,
    shard: [0, 1],
    application: { id: state.applicationId, flags: 0 },
    private_channels: [],
    relationships: [],
    presences: [],
  };
}

function guildData(state: FakeDiscordState, guildId: string): Json {
  const channels = state.extraGuilds.get(guildId) ?? [...state.channels].filter((id) => guildOf(state, id) === guildId);
  return {
    id: guildId,
    name: "Fake Guild",
    icon: null,
    owner_id: state.nextId(),
    unavailable: false,
    member_count: 3,
    large: false,
    joined_at: new Date().toISOString(),
    features: [],
    roles: [
      { id: guildId, name: "@everyone", permissions: "1024", position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 },
      ...(guildId === state.guildId ? state.roles : []).map((id, n) => ({ id, name: `role-${n + 1}`, permissions: "0", position: n + 1, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 })),
    ],
    channels: [...channels].map((id, position) => ({ id, type: 0, name: `news-${position}`, position, permission_overwrites: [], nsfw: false, topic: null, flags: 0 })),
    threads: [],
    members: [],
    presences: [],
    voice_states: [],
    emojis: [],
    stickers: [],
    stage_instances: [],
    guild_scheduled_events: [],
    premium_tier: 0,
  };
}
