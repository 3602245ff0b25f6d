import { createServer, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import type { SeededRandom } from "./seeded-random.js";

export interface DelayProxyOptions {
  /** The fake's origin, e.g. `http://127.0.0.1:4321`. */
  upstream: string;
  random: SeededRandom;
  /** Delay between receiving a whole request and passing it on: a kill here loses nothing. */
  beforeMs: [min: number, max: number];
  /** Delay between the fake's answer and passing it back: a kill here is "posted, but not recorded as sent". */
  afterMs: [min: number, max: number];
}

export interface DelayProxy {
  /** Same origin form as `upstream`; paths are passed through unchanged. */
  origin: string;
  close(): Promise<void>;
}

const HOP_BY_HOP = ["connection", "keep-alive", "transfer-encoding", "content-length", "host"];

function forwardable(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  return Object.fromEntries(Object.entries(headers).filter(([name, value]) => value !== undefined && !HOP_BY_HOP.includes(name))) as Record<string, string | string[]>;
}

/**
 * Makes a fake platform slow like a real one, so a SIGKILL lands mid-send. Like a real platform, a request
 * received whole is carried out even when its client dies meanwhile; one cut off half-way never is.
 * A connection the fake drops is dropped towards the client too.
 */
export async function startDelayProxy(options: DelayProxyOptions): Promise<DelayProxy> {
  const { random } = options;
  const delay = ([min, max]: [number, number]) => new Promise((resolve) => setTimeout(resolve, random.int(min, max)));
  const server = createServer((incoming, outgoing) => {
    outgoing.on("error", () => undefined);
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      const body = Buffer.concat(chunks);
      void delay(options.beforeMs).then(() => {
        const upstream = httpRequest(`${options.upstream}${incoming.url ?? "/"}`, {
          method: incoming.method,
          headers: { ...forwardable(incoming.headers), "content-length": String(body.length) },
        });
        upstream.on("error", () => outgoing.socket?.destroy());
        upstream.on("response", (answer) => {
          const answerChunks: Buffer[] = [];
          answer.on("data", (chunk: Buffer) => answerChunks.push(chunk));
          answer.on("error", () => outgoing.socket?.destroy());
          answer.on("end", () => {
            const answerBody = Buffer.concat(answerChunks);
            void delay(options.afterMs).then(() => {
              if (outgoing.destroyed) return;
              outgoing.writeHead(answer.statusCode ?? 502, { ...forwardable(answer.headers), "content-length": String(answerBody.length) });
              outgoing.end(answerBody);
            });
          });
        });
        upstream.end(body);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
