import type { ParsedFeed } from "../domain/item.js";
import { FetchError } from "./fetch-error.js";
import type { FetchedBody, Fetcher, FetchOutcome, Validators } from "./fetcher.js";

/** What one read of a feed brought: nothing new (`parsed` null), or the feed, perhaps found through a web page. */
export interface FeedRead {
  outcome: FetchOutcome;
  parsed: ParsedFeed | null;
  /** Set when `target` was a web page: the feed URL it named, which was read instead. */
  discovered: string | null;
}

export interface ReadFeedOptions {
  /** Follow a web page's alternate feed link when the target is a page. */
  discover: boolean;
  /** Called once the target's body is in (before parsing), e.g. to free a per-host slot. */
  onFetched?: (() => void) | undefined;
}

/**
 * Fetches and parses `target`. A web page that names its feed (`<link rel="alternate">`) is
 * followed once to that feed, fetched by the same fetcher, so through the same address guard.
 */
export async function readFeed(
  fetcher: Fetcher,
  target: string,
  validators: Validators,
  parse: (body: FetchedBody) => Promise<ParsedFeed>,
  options: ReadFeedOptions,
): Promise<FeedRead> {
  const outcome = await fetcher.fetch(target, validators);
  options.onFetched?.();
  if (outcome.status === "not-modified") return { outcome, parsed: null, discovered: null };
  try {
    return { outcome, parsed: await parse(outcome), discovered: null };
  } catch (error) {
    const link = options.discover && error instanceof FetchError ? error.feedLinks[0] : undefined;
    if (link === undefined) throw error;
    const feed = await fetcher.fetch(link, { etag: null, lastModified: null });
    if (feed.status !== "fetched") throw error;
    return { outcome: feed, parsed: await parse(feed), discovered: feed.movedTo ?? link };
  }
}
