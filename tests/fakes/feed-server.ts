import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import zlib from "node:zlib";

/** Answers one request; may write slowly, forever, or not at all. */
export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** A real HTTP server on loopback that tests script path by path. */
export interface FeedServer {
  readonly host: string;
  readonly port: number;
  url(path?: string): string;
  route(path: string, handler: Handler): void;
  /** Every request seen, in order. */
  readonly requests: Array<{ path: string; headers: IncomingMessage["headers"] }>;
  /** TCP connections accepted so far: zero proves a blocked fetch sent no packet here. */
  readonly connections: number;
  /** Most requests that were in flight at once. */
  readonly peakInFlight: number;
  close(): Promise<void>;
}

export async function startFeedServer(options: { host?: string; port?: number } = {}): Promise<FeedServer> {
  const host = options.host ?? "127.0.0.1";
  const routes = new Map<string, Handler>();
  const requests: FeedServer["requests"] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  let inFlight = 0;
  let peakInFlight = 0;
  const server: Server = createServer((req, res) => {
    const path = req.url ?? "/";
    requests.push({ path, headers: req.headers });
    inFlight++;
    peakInFlight = Math.max(peakInFlight, inFlight);
    res.on("close", () => inFlight--);
    const handler = routes.get(path.split("?")[0]!) ?? routes.get(path);
    if (!handler) return void res.writeHead(404).end("no such feed");
    Promise.resolve(handler(req, res)).catch(() => res.destroy());
  });
  server.on("connection", (socket: Socket) => {
    connections++;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host,
    port,
    url: (path = "/feed.xml") => `http://${host}:${port}${path}`,
    route: (path, handler) => void routes.set(path, handler),
    requests,
    get connections() {
      return connections;
    },
    get peakInFlight() {
      return peakInFlight;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export interface FeedResponse {
  body: string | Buffer;
  contentType?: string;
  etag?: string;
  lastModified?: string;
  /** Compress the body with this coding; `deflate-raw` sends raw deflate labelled "deflate". */
  encoding?: "gzip" | "br" | "deflate" | "deflate-raw";
  headers?: Record<string, string>;
}

/** Serves a feed with validators and answers 304 when the client's match. */
export function serveFeed(feed: FeedResponse): Handler {
  return (req, res) => {
    const fresh =
      (feed.etag !== undefined && req.headers["if-none-match"] === feed.etag) ||
      (feed.lastModified !== undefined && req.headers["if-modified-since"] === feed.lastModified);
    const headers: Record<string, string> = { "content-type": feed.contentType ?? "application/rss+xml; charset=utf-8", ...feed.headers };
    if (feed.etag) headers["etag"] = feed.etag;
    if (feed.lastModified) headers["last-modified"] = feed.lastModified;
    if (fresh) return void res.writeHead(304, headers).end();
    let body = Buffer.isBuffer(feed.body) ? feed.body : Buffer.from(feed.body);
    if (feed.encoding) {
      body = compress(body, feed.encoding);
      headers["content-encoding"] = feed.encoding === "deflate-raw" ? "deflate" : feed.encoding;
    }
    res.writeHead(200, { ...headers, "content-length": String(body.length) }).end(body);
  };
}

export function compress(body: Buffer, encoding: NonNullable<FeedResponse["encoding"]>): Buffer {
  if (encoding === "gzip") return zlib.gzipSync(body);
  if (encoding === "br") return zlib.brotliCompressSync(body);
  if (encoding === "deflate") return zlib.deflateSync(body);
  return zlib.deflateRawSync(body);
}

export function redirect(location: string, status = 302): Handler {
  return (_req, res) => void res.writeHead(status, location ? { location } : {}).end();
}

export function status(code: number, headers: Record<string, string> = {}, body = ""): Handler {
  return (_req, res) => void res.writeHead(code, headers).end(body);
}

/** Accepts the request and never answers. */
export function silent(): Handler {
  return () => undefined;
}

/** Sends headers, then one byte every `everyMs`, forever (until the client gives up). */
export function drip(everyMs: number): Handler {
  return (_req, res) => {
    res.writeHead(200, { "content-type": "application/rss+xml" });
    res.write("<");
    const timer = setInterval(() => res.write(" "), everyMs);
    res.on("close", () => clearInterval(timer));
  };
}

/** Streams `chunk` as fast as the client reads, `total` bytes or forever. */
export function stream(options: { chunk?: Buffer; total?: number; headers?: Record<string, string> } = {}): Handler {
  return (_req, res) => {
    const chunk = options.chunk ?? Buffer.alloc(64 * 1024, " ");
    const headers: Record<string, string> = { "content-type": "application/rss+xml", ...options.headers };
    if (options.total !== undefined && !headers["transfer-encoding"]) headers["content-length"] = String(options.total);
    res.writeHead(200, headers);
    let sent = 0;
    const pump = () => {
      while (!res.destroyed && (options.total === undefined || sent < options.total)) {
        const piece = options.total === undefined ? chunk : chunk.subarray(0, Math.min(chunk.length, options.total - sent));
        sent += piece.length;
        if (!res.write(piece)) return void res.once("drain", pump);
      }
      if (!res.destroyed) res.end();
    };
    pump();
  };
}
