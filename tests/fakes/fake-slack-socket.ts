import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";

/** An acknowledgement the Socket Mode client sent back for an envelope. */
export interface FakeSocketAck {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

export interface FakeSlackSocket {
  /** The `wss://…` URL apps.connections.open should return (here ws://127.0.0.1). */
  url: string;
  acks: FakeSocketAck[];
  /** Resolves once a client is connected and has been sent `hello`. */
  connected(): Promise<void>;
  /** Delivers a `slash_commands` envelope; resolves with the client's ack. */
  sendSlashCommand(payload: Record<string, unknown>): Promise<FakeSocketAck>;
  close(): Promise<void>;
}

/** A local Socket Mode server: greets with `hello`, delivers envelopes, records acks. */
export async function startFakeSlackSocket(): Promise<FakeSlackSocket> {
  const server = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const acks: FakeSocketAck[] = [];
  const waiting = new Map<string, (ack: FakeSocketAck) => void>();
  let client: WebSocket | null = null;
  let onConnected: (() => void) | null = null;
  const connectedOnce = new Promise<void>((resolve) => {
    onConnected = resolve;
  });

  server.on("connection", (socket) => {
    client = socket;
    socket.on("message", (data) => {
      const ack = JSON.parse(String(data)) as FakeSocketAck;
      acks.push(ack);
      waiting.get(ack.envelope_id)?.(ack);
      waiting.delete(ack.envelope_id);
    });
    socket.send(JSON.stringify({ type: "hello", num_connections: 1, debug_info: { host: "fake" }, connection_info: { app_id: "A0FAKE" } }));
    onConnected?.();
  });

  return {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/link`,
    acks,
    connected: () => connectedOnce,
    sendSlashCommand(payload) {
      const socket = client;
      if (!socket) return Promise.reject(new Error("no Socket Mode client connected"));
      const envelopeId = randomUUID();
      const acked = new Promise<FakeSocketAck>((resolve) => waiting.set(envelopeId, resolve));
      socket.send(JSON.stringify({ envelope_id: envelopeId, type: "slash_commands", payload, accepts_response_payload: true }));
      return acked;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of server.clients) socket.terminate();
        server.close(() => resolve());
      }),
  };
}
