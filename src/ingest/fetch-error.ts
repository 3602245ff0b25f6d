import { BriefingError } from "../domain/errors.js";

/** Why a poll failed; one value per cause a user (or the health tracker) acts on differently. */
export type FetchErrorKind =
  | "bad-url"
  | "blocked-address"
  | "dns"
  | "network"
  | "tls"
  | "timeout"
  | "too-many-redirects"
  | "http-4xx"
  | "http-429"
  | "http-5xx"
  | "too-large"
  | "truncated"
  | "not-a-feed"
  | "too-complex"
  | "file";

/** Extra facts a fetch failure may carry; all optional. */
export interface FetchErrorDetails {
  /** HTTP status of the response that failed, when there was one. */
  status?: number | undefined;
  /** How long the server asked us to wait (429/503 `Retry-After`), in milliseconds. */
  retryAfterMs?: number | undefined;
  /** For a web page instead of a feed: the feeds the page names as its alternates. */
  feedLinks?: string[] | undefined;
  cause?: unknown;
}

/**
 * The one error a poll fails with. `message` is safe to show a user: it never holds
 * credentials, internal addresses, or whether a blocked port refused or timed out.
 */
export class FetchError extends BriefingError {
  override readonly name = "FetchError";
  readonly kind: FetchErrorKind;
  readonly status: number | null;
  readonly retryAfterMs: number | null;
  readonly feedLinks: string[];

  constructor(kind: FetchErrorKind, message: string, details: FetchErrorDetails = {}) {
    super("fetch", message, details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = kind;
    this.status = details.status ?? null;
    this.retryAfterMs = details.retryAfterMs ?? null;
    this.feedLinks = details.feedLinks ?? [];
  }
}
