import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from "node:http";
import type { Clock } from "../../../domain/clock.js";
import type { SlackLog } from "../slack-log.js";
import { readRawBody, SLACK_BODY_LIMIT_BYTES } from "./read-raw-body.js";
import { createSeenRequests, requestKey, type SeenRequests } from "./seen-requests.js";
import { verifySlackSignature } from "./verify-slack-signature.js";

export interface SlackHttpServerOptions {
  signingSecret: string;
  clock: Clock;
  log: SlackLog;
  /** Paths Slack posts to; anything else is 404. */
  paths: readonly string[];
  /** Browser-facing paths (the OAuth install pages): GET only, no Slack signature, straight to Bolt. */
  browserPaths?: readonly string[];
  /** Bolt's `HTTPReceiver.requestListener`, which parses, acknowledges and dispatches a verified request. */
  forward: RequestListener;
  bodyLimitBytes?: number;
  seen?: SeenRequests;
  /** Serves every path that is not Slack's (the bot's health and metrics routes share the port). */
  otherRoutes?: RequestListener;
}

/**
 * The HTTP front of the Slack app. It does the checks Bolt does not (or does differently) before Bolt
 * sees a request: body size (413), signature over the raw bytes with a five-minute window both ways,
 * using the injected clock (401), and one processing per request however often Slack retries it.
 * Bolt then reads the already-buffered `rawBody` and skips its own verification.
 */
export function createSlackHttpServer(options: SlackHttpServerOptions): Server {
  const { signingSecret, clock, log, paths, forward } = options;
  const limit = options.bodyLimitBytes ?? SLACK_BODY_LIMIT_BYTES;
  const seen = options.seen ?? createSeenRequests();

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    if (options.browserPaths?.includes(path)) return request.method === "GET" ? forward(request, response) : end(response, 405);
    if (!paths.includes(path)) return options.otherRoutes ? options.otherRoutes(request, response) : end(response, 404);
    if (request.method !== "POST") return end(response, 404);

    const raw = await readRawBody(request, limit);
    if (!raw.ok) {
      log.warn({ path, reason: raw.reason }, "slack request body refused");
      response.setHeader("connection", "close");
      return end(response, raw.reason === "too-large" ? 413 : 400);
    }
    const contentType = header(request, "content-type");
    // Slack's certificate probe carries no signature and asks for nothing but a 200.
    if (contentType?.startsWith("application/x-www-form-urlencoded") && new URLSearchParams(raw.body.toString("utf8")).get("ssl_check") === "1") {
      return end(response, 200);
    }

    const nowMs = clock.now().getTime();
    const check = verifySlackSignature(
      { signature: header(request, "x-slack-signature"), timestamp: header(request, "x-slack-request-timestamp"), rawBody: raw.body },
      signingSecret,
      nowMs,
    );
    if (!check.ok) {
      log.warn({ path, reason: check.reason }, "slack request refused");
      return end(response, 401);
    }

    if (!(await seen.firstTime(requestKey(raw.body, contentType), nowMs))) {
      log.info({ path, retry_num: header(request, "x-slack-retry-num") ?? null, retry_reason: header(request, "x-slack-retry-reason") ?? null }, "repeated slack request ignored");
      return end(response, 200);
    }

    Object.assign(request, { rawBody: raw.body });
    forward(request, response);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      log.error({ err_message: error instanceof Error ? error.message : String(error) }, "slack request failed");
      if (!response.headersSent) end(response, 500);
    });
  });
  // Slack sends a whole request at once; a client trickling bytes is not Slack.
  server.requestTimeout = 15_000;
  server.headersTimeout = 10_000;
  return server;
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function end(response: ServerResponse, status: number): void {
  response.writeHead(status);
  response.end();
}
