import Parser from "rss-parser";
import { BriefingError } from "../domain/errors.js";
import type { FeedItem, ParsedFeed } from "../domain/item.js";

const parser = new Parser();

/** Reads RSS or Atom text into normalised items. `now` stands in for items that carry no date. */
export async function parseFeed(text: string, options: { sourceId: string; baseUrl?: string; now: Date }): Promise<ParsedFeed> {
  let feed: Awaited<ReturnType<typeof parser.parseString>>;
  try {
    feed = await parser.parseString(text);
  } catch (error) {
    throw new BriefingError("parse", `not a feed: ${(error as Error).message.split("\n")[0]}`, { cause: error });
  }
  const items: FeedItem[] = (feed.items ?? []).map((entry) => {
    const link = entry.link ?? null;
    const published = entry.isoDate ? new Date(entry.isoDate) : null;
    const dated = published !== null && !Number.isNaN(published.getTime());
    return {
      id: entry.guid ?? link ?? `${entry.title ?? ""}`,
      sourceId: options.sourceId,
      guid: entry.guid ?? null,
      link,
      url: link,
      title: (entry.title ?? "").trim(),
      summary: (entry.contentSnippet ?? "").trim(),
      content: "",
      author: entry.creator ?? null,
      language: null,
      publishedAt: (dated ? published : options.now).toISOString(),
      dateMissing: !dated,
    };
  });
  return {
    feed: { title: feed.title ?? null, link: feed.link ?? null, description: feed.description ?? null, language: null },
    items,
  };
}
