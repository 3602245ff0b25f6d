import { request, type Dispatcher } from "undici";
import type { Clock } from "../domain/clock.js";
import { systemClock } from "../domain/clock.js";
import { createAddressGuard, type Resolver } from "./address-guard.js";
import { readCappedBody, tooLargeError } from "./body-cap.js";
import { cacheLifetimeMs } from "./cache-lifetime.js";
import { classifyFetchError, classifyStatus, MESSAGES } from "./classify-fetch-error.js";
import { FetchError } from "./fetch-error.js";
import type { Fetcher, FetchOutcome, Validators } from "./fetcher.js";
import { parseFeedUrl, type FeedUrl } from "./feed-url.js";
import { followRedirects, type HopResponse } from "./follow-redirects.js";
import { createGuardedAgent } from "./guarded-agent.js";
import { parseRetryAfter } from "./retry-after.js";

export interface HttpFetcherOptions {
  /** Default false: loopback, private, link-local, CGNAT and metadata addresses are refused. */
  allowPrivateNetworks?: boolean | undefined;
  /** Default [80, 443] (any port when private networks are allowed). */
  allowedPorts?: readonly number[] | "any" | undefined;
  /** DNS stand-in for tests. */
  resolve?: Resolver | undefined;
  /** Which addresses count as public (default: ordinary public unicast); for tests. */
  isAllowedAddress?: ((address: string) => boolean) | undefined;
  /** Replaces the guarded agent entirely (e.g. an undici MockAgent); the address guard is then the caller's job. */
  dispatcher?: Dispatcher | undefined;
  connectTimeoutMs?: number | undefined;
  /** Time allowed from sending a request to having all response headers, per hop. */
  headersTimeoutMs?: number | undefined;
  /** Wall-clock limit for the whole fetch, redirects and body included; data arriving does not extend it. */
  totalTimeoutMs?: number | undefined;
  /** Cap on the decoded body, in bytes. */
  maxBytes?: number | undefined;
  maxRedirects?: number | undefined;
  userAgent?: string | undefined;
  clock?: Clock | undefined;
}

const ACCEPT =
  "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5";

interface Hop extends HopResponse {
  body: Dispatcher.ResponseData["body"];
}

/** Fetches feeds over HTTP(S) with undici: conditional GET, decoding, deadlines, a byte cap and guarded redirects. */
export function createHttpFetcher(options: HttpFetcherOptions = {}): Fetcher {
  const clock = options.clock ?? systemClock;
  const headersTimeoutMs = options.headersTimeoutMs ?? 15_000;
  const totalTimeoutMs = options.totalTimeoutMs ?? 30_000;
  const maxBytes = options.maxBytes ?? 10 * 1024 * 1024;
  const maxRedirects = options.maxRedirects ?? 5;
  const userAgent = options.userAgent ?? "briefing-bot/0.1 (+feed reader)";
  const ownAgent = options.dispatcher
    ? null
    : createGuardedAgent({
        guard: createAddressGuard(options),
        connectTimeoutMs: options.connectTimeoutMs ?? Math.min(10_000, totalTimeoutMs),
      });
  const dispatcher = options.dispatcher ?? ownAgent!;

  /** One hop. `deadline` is the whole fetch's controller: a header timeout ends the fetch too, so one suffices. */
  async function send(target: FeedUrl, validators: Validators, deadline: AbortController): Promise<Hop> {
    const headers: Record<string, string> = { accept: ACCEPT, "accept-encoding": "gzip, deflate, br", "user-agent": userAgent };
    if (validators.etag) headers["if-none-match"] = validators.etag;
    if (validators.lastModified) headers["if-modified-since"] = validators.lastModified;
    if (target.authorization) headers["authorization"] = target.authorization;
    const timer = setTimeout(() => deadline.abort(new FetchError("timeout", MESSAGES.timeout)), headersTimeoutMs);
    try {
      const response = await request(target.url, {
        dispatcher,
        method: "GET",
        headers,
        signal: deadline.signal,
        headersTimeout: headersTimeoutMs + 1_000,
        bodyTimeout: totalTimeoutMs + 1_000,
      });
      return {
        status: response.statusCode,
        headers: flattenHeaders(response.headers),
        body: response.body,
        discard: () => response.body.dump({ limit: 64 * 1024, signal: deadline.signal }).catch(() => undefined),
      };
    } finally {
      clearTimeout(timer);
    }
  }

  // Fetches under way, so closing the fetcher (a stopping worker) ends them instead of waiting out their deadline.
  const inFlight = new Set<AbortController>();
  return {
    async fetch(location, validators): Promise<FetchOutcome> {
      const deadline = new AbortController();
      const timer = setTimeout(() => deadline.abort(new FetchError("timeout", MESSAGES.timeout)), totalTimeoutMs);
      inFlight.add(deadline);
      try {
        const start = parseFeedUrl(location);
        const { response, target, movedTo } = await followRedirects(start, (t) => send(t, validators, deadline), maxRedirects);
        const { status, headers } = response;
        const etag = headers["etag"] ?? null;
        const lastModified = headers["last-modified"] ?? null;
        const freshForMs = cacheLifetimeMs(headers, clock.now());
        const sameEtag = status === 200 && etag !== null && etag === validators.etag;
        if (status === 304 || sameEtag) {
          await response.discard();
          return { status: "not-modified", etag: etag ?? validators.etag, lastModified: lastModified ?? validators.lastModified, movedTo, freshForMs };
        }
        if (status < 200 || status >= 300) {
          await response.discard();
          throw classifyStatus(status, headers, parseRetryAfter(headers["retry-after"], clock.now()));
        }
        const declared = Number(headers["content-length"]);
        if (!headers["content-encoding"] && Number.isFinite(declared) && declared > maxBytes) {
          response.body.destroy();
          throw tooLargeError(maxBytes);
        }
        const body = await readCappedBody(response.body, headers["content-encoding"], maxBytes, deadline.signal);
        const url = contentBase(headers["content-location"], target.url);
        return { status: "fetched", body, contentType: headers["content-type"] ?? null, url, etag, lastModified, movedTo, freshForMs };
      } catch (error) {
        throw abortReason(deadline.signal) ?? classifyFetchError(error);
      } finally {
        clearTimeout(timer);
        inFlight.delete(deadline);
      }
    },
    async close() {
      for (const deadline of inFlight) deadline.abort(new FetchError("timeout", "the fetch was cut short: the bot is stopping"));
      await ownAgent?.close();
    },
  };
}

/** Relative links resolve against `Content-Location` when the server sends one (RFC 9110 §8.7). */
function contentBase(location: string | undefined, url: URL): string {
  if (!location) return url.href;
  try {
    const base = new URL(location, url);
    return base.protocol === "http:" || base.protocol === "https:" ? base.href : url.href;
  } catch {
    return url.href;
  }
}

function abortReason(signal: AbortSignal): FetchError | null {
  return signal.aborted && signal.reason instanceof FetchError ? signal.reason : null;
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  const flat: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  return flat;
}
