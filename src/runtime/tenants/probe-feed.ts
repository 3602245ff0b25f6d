import type { FeedPreview, FeedProbe } from "../../commands/index.js";
import type { BriefingConfig } from "../../config/config-schema.js";
import type { Clock } from "../../domain/clock.js";
import { BriefingError } from "../../domain/errors.js";
import { checkFeedUrl, createHttpFetcher, createParsePool, readFeed, type FetchedBody } from "../../ingest/index.js";

const HEADLINES = 3;

/**
 * `/brief feeds add`'s look before saving: the URL through the address guard, then one guarded fetch
 * (a web page followed to the feed it names) parsed off the main thread, with the poll's limits.
 */
export function createFeedProbe(config: BriefingConfig, clock: Clock): FeedProbe {
  return async (input): Promise<FeedPreview> => {
    const options = { allowPrivateNetworks: config.poll.allow_private_networks };
    const url = await checkFeedUrl(input, options);
    const fetcher = createHttpFetcher({ ...options, clock, totalTimeoutMs: config.poll.timeout, maxBytes: config.poll.max_bytes });
    const pool = createParsePool({ size: 1 });
    try {
      const parse = (body: FetchedBody) => pool.parse({ bytes: body.body, contentType: body.contentType, baseUrl: body.url, sourceId: "probe", now: clock.now().toISOString() });
      const read = await readFeed(fetcher, url, { etag: null, lastModified: null }, parse, { discover: true });
      if (!read.parsed) throw new BriefingError("fetch", "the server sent no feed");
      const feedUrl = read.discovered ?? (read.outcome.status === "fetched" ? (read.outcome.movedTo ?? url) : url);
      const newest = [...read.parsed.items].sort((a, b) => b.publishedAt.localeCompare(a.publishedAt)).slice(0, HEADLINES);
      return { feedUrl, title: read.parsed.feed.title?.trim() || new URL(feedUrl).hostname, headlines: newest.map((item) => item.title) };
    } finally {
      await Promise.all([pool.close(), fetcher.close()]);
    }
  };
}
