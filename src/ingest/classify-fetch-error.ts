import { FetchError } from "./fetch-error.js";

/**
 * The single place where transport errors and HTTP statuses become a `FetchError`.
 * Messages are written for the person who added the feed; internals stay in `cause`.
 */

const DNS_CODES = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_NONAME", "EAI_NODATA", "EAI_FAIL"]);
const TRUNCATION_CODES = new Set(["UND_ERR_SOCKET", "UND_ERR_RES_CONTENT_LENGTH_MISMATCH", "ECONNRESET", "EPIPE", "Z_BUF_ERROR"]);
const TIMEOUT_CODES = new Set(["UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT"]);
const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_(VERIFY|GET)_|HOSTNAME_MISMATCH)/;

export const MESSAGES = {
  timeout: "the server took too long to answer",
  // Same words for refused, reset and unreachable, so errors cannot be used to scan ports.
  network: "could not connect to the server",
  dns: "the host name could not be found",
  tls: "the server's TLS certificate could not be verified",
  truncated: "the download was cut off before the feed was complete",
  corrupt: "the server sent a corrupt compressed body",
} as const;

/** Maps anything thrown while fetching to a `FetchError`, keeping the original as `cause`. */
export function classifyFetchError(error: unknown): FetchError {
  const found = findFetchError(error);
  if (found) return found;
  const codes = errorCodes(error);
  const has = (test: (code: string) => boolean) => codes.some(test);
  if (has((c) => DNS_CODES.has(c))) return new FetchError("dns", MESSAGES.dns, { cause: error });
  if (has((c) => TLS_CODE.test(c))) return new FetchError("tls", MESSAGES.tls, { cause: error });
  if (has((c) => TIMEOUT_CODES.has(c))) return new FetchError("timeout", MESSAGES.timeout, { cause: error });
  if (has((c) => c === "Z_DATA_ERROR")) return new FetchError("not-a-feed", MESSAGES.corrupt, { cause: error });
  if (has((c) => TRUNCATION_CODES.has(c))) return new FetchError("truncated", MESSAGES.truncated, { cause: error });
  return new FetchError("network", MESSAGES.network, { cause: error });
}

/** Maps a non-2xx, non-304 final status to a `FetchError`. */
export function classifyStatus(status: number, headers: Record<string, string | undefined>, retryAfterMs: number | null): FetchError {
  const details = { status, retryAfterMs: retryAfterMs ?? undefined };
  if (status === 429) return new FetchError("http-429", "the server asked us to slow down (429 Too Many Requests)", details);
  if (status >= 500) {
    const text = status === 503 ? "the server is unavailable (503)" : `the server failed (${status})`;
    return new FetchError("http-5xx", text, details);
  }
  if (status === 403 && headers["cf-mitigated"] === "challenge") {
    return new FetchError("http-4xx", "blocked by bot protection (a Cloudflare challenge page)", details);
  }
  const reasons: Record<number, string> = {
    401: "the feed needs a login (401)",
    403: "access to the feed is forbidden (403)",
    404: "no feed at that address (404 Not Found)",
    410: "the feed is gone for good (410 Gone)",
  };
  if (status >= 400) return new FetchError("http-4xx", reasons[status] ?? `the server refused the request (${status})`, details);
  return new FetchError("not-a-feed", `unexpected HTTP status ${status}`, details);
}

function findFetchError(error: unknown): FetchError | null {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if (current instanceof FetchError) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  for (let current = error, depth = 0; current && typeof current === "object" && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") codes.push(code);
    const errors = (current as { errors?: unknown }).errors;
    if (Array.isArray(errors)) errors.forEach((inner) => codes.push(...errorCodes(inner)));
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}
