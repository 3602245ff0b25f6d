import { FetchError } from "./fetch-error.js";
import { parseFeedUrl, type FeedUrl } from "./feed-url.js";

/** What one hop of a request chain answered; `discard` frees a body we will not read. */
export interface HopResponse {
  status: number;
  headers: Record<string, string | undefined>;
  discard(): Promise<void>;
}

export interface RedirectOutcome<R extends HopResponse> {
  response: R;
  /** The URL that gave the final answer. */
  target: FeedUrl;
  /** Set when every hop was a 301/308: where the feed now lives, for the caller to remember. */
  movedTo: string | null;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Follows redirects by hand, at most `maxRedirects` of them. Each Location is parsed and
 * validated again (http/https only, no webhooks), and the connection to it goes through the
 * address guard like the first, so a public URL cannot bounce us to 127.0.0.1. Credentials
 * travel only to the origin they were given for.
 */
export async function followRedirects<R extends HopResponse>(
  start: FeedUrl,
  send: (target: FeedUrl) => Promise<R>,
  maxRedirects: number,
): Promise<RedirectOutcome<R>> {
  let target = start;
  let permanent = true;
  for (let hop = 0; ; hop++) {
    const response = await send(target);
    if (!REDIRECTS.has(response.status)) {
      return { response, target, movedTo: hop > 0 && permanent ? target.url.href : null };
    }
    await response.discard();
    if (hop >= maxRedirects) {
      throw new FetchError("too-many-redirects", `too many redirects (more than ${maxRedirects})`, { status: response.status });
    }
    const location = response.headers["location"];
    if (!location) {
      throw new FetchError("not-a-feed", `the server answered ${response.status} (a redirect) without saying where to`, {
        status: response.status,
      });
    }
    const next = parseFeedUrl(location, target.url);
    const authorization = next.url.origin === start.url.origin ? (next.authorization ?? start.authorization) : next.authorization;
    if (response.status !== 301 && response.status !== 308) permanent = false;
    target = { url: next.url, authorization };
  }
}
