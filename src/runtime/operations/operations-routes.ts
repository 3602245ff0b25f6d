import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import type { Readiness } from "./readiness.js";

export interface OperationsRoutesOptions {
  readiness(): Promise<Readiness>;
  /** Prometheus text format. */
  metrics(): Promise<string>;
  /** The status page's HTML; the page is off when `statusToken` is unset. */
  statusPage(readiness: Readiness): Promise<string>;
  statusToken: string | undefined;
  onError(path: string, error: unknown): void;
}

/**
 * `/healthz`, `/readyz`, `/metrics` and `/status`, for the Slack receiver's port or a server of their
 * own. Read-only: anything but GET or HEAD is refused.
 */
export function createOperationsRoutes(options: OperationsRoutesOptions): RequestListener {
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    const route = ROUTES[url.pathname];
    if (!route) return send(response, 404, "text/plain", "not found\n");
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.setHeader("allow", "GET, HEAD");
      return send(response, 405, "text/plain", "method not allowed\n");
    }
    switch (route) {
      case "healthz":
        return send(response, 200, "text/plain", "ok\n");
      case "readyz": {
        const readiness = await options.readiness();
        return send(response, readiness.ready ? 200 : 503, "text/plain", readiness.ready ? "ready\n" : `not ready\n${readiness.reasons.join("\n")}\n`);
      }
      case "metrics":
        return send(response, 200, "text/plain; version=0.0.4; charset=utf-8", await options.metrics());
      case "status": {
        if (!options.statusToken) return send(response, 404, "text/plain", "the status page is off; set STATUS_TOKEN to turn it on\n");
        if (!tokenMatches(presentedToken(request, url), options.statusToken)) {
          response.setHeader("www-authenticate", 'Bearer realm="briefing-bot status"');
          return send(response, 401, "text/plain", "this page needs the status token: ?token=… or Authorization: Bearer …\n");
        }
        response.setHeader("cache-control", "no-store");
        response.setHeader("referrer-policy", "no-referrer");
        response.setHeader("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'");
        return send(response, 200, "text/html; charset=utf-8", await options.statusPage(await options.readiness()));
      }
    }
  };
  return (request, response) => {
    handle(request, response).catch((error: unknown) => {
      // The path only: a query string may carry the status token.
      options.onError(new URL(request.url ?? "/", "http://localhost").pathname, error);
      if (!response.headersSent) send(response, 500, "text/plain", "internal error\n");
    });
  };
}

const ROUTES: Record<string, "healthz" | "readyz" | "metrics" | "status"> = {
  "/healthz": "healthz",
  "/readyz": "readyz",
  "/metrics": "metrics",
  "/status": "status",
};

function presentedToken(request: IncomingMessage, url: URL): string | null {
  const header = request.headers.authorization;
  if (header?.startsWith("Bearer ")) return header.slice("Bearer ".length).trim();
  return url.searchParams.get("token");
}

/** Compared as digests so neither the length nor the content leaks through timing. */
function tokenMatches(presented: string | null, expected: string): boolean {
  if (presented === null) return false;
  const digest = (text: string) => createHash("sha256").update(text).digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(body) });
  response.end(response.req.method === "HEAD" ? undefined : body);
}
