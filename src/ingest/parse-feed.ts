import type { FeedItem, ParsedFeed } from "../domain/item.js";
import { resolveLink } from "./canonical-url.js";
import { FetchError } from "./fetch-error.js";
import { findFeedLinks } from "./find-feed-links.js";
import { languageTag, LIMITS, normaliseEntry, plainText, sharedLinkId } from "./normalise-item.js";
import { parseFeedDate } from "./parse-date.js";
import type { RawEntry, RawFeed } from "./raw-feed.js";
import { readJsonFeed } from "./read-json-feed.js";
import { readXmlFeed } from "./read-xml-feed.js";

export interface ParseFeedOptions {
  sourceId: string;
  /** The feed's own URL, for relative links; a `file:` URL or nothing for local files. */
  baseUrl?: string | null | undefined;
  /** Fetch time: stands in for missing dates. */
  now: Date;
  /** Only this many entries are kept, the newest by date (default 200). */
  maxItems?: number | undefined;
}

export const DEFAULT_MAX_ITEMS = 200;
// Entries read from the document before choosing the newest; any beyond are ignored.
const MAX_RAW_ENTRIES = 20_000;

/**
 * Reads RSS 0.9x/1.0/2.0, Atom (0.3 and 1.0) or JSON Feed text into normalised items.
 * Throws a `FetchError` of kind `not-a-feed` for anything else. CPU-heavy on hostile input:
 * the ingester runs it in a worker thread with a deadline.
 */
export async function parseFeed(text: string, options: ParseFeedOptions): Promise<ParsedFeed> {
  const kind = sniffDocument(text);
  if (kind === "empty") throw new FetchError("not-a-feed", "not a feed (the document is empty)");
  if (kind === "html") {
    const feedLinks = findFeedLinks(text, options.baseUrl ?? null);
    if (feedLinks.length === 0) throw new FetchError("not-a-feed", "not a feed but a web page (HTML) that names no feed; look for the site's RSS or Atom link");
    throw new FetchError("not-a-feed", `not a feed but a web page (HTML); it names the feed ${feedLinks[0]}`, { feedLinks });
  }
  const raw = kind === "json" ? readJsonFeed(text, MAX_RAW_ENTRIES) : await readXmlFeed(text, MAX_RAW_ENTRIES);
  return normaliseFeed(raw, options);
}

export function normaliseFeed(raw: RawFeed, options: ParseFeedOptions): ParsedFeed {
  const base = linkBase(raw, options.baseUrl ?? null);
  const language = languageTag(raw.language);
  const context = { sourceId: options.sourceId, base, language, now: options.now };
  const items: FeedItem[] = [];
  const seen = new Set<string>();
  for (const item of withSharedLinksApart(newest(raw.entries, options.maxItems ?? DEFAULT_MAX_ITEMS).map((entry) => normaliseEntry(entry, context)))) {
    // Only true repeats collapse: one guid, or one link under one title.
    if (seen.has(item.id)) continue;
    seen.add(item.id);
    items.push(item);
  }
  return {
    feed: {
      title: plainText(raw.title, { maxLength: LIMITS.title }) || null,
      link: raw.link ? resolveLink(raw.link, base) : null,
      description: plainText(raw.description, { maxLength: LIMITS.summary }) || null,
      language,
    },
    items,
    ...(raw.recovered ? { recovered: raw.recovered } : {}),
  };
}

/**
 * Entries without a guid are known by their link; when several in one document share a link
 * under different titles (notice lists that all point at one page), each is known by its link
 * and title instead, so that none is taken for a repeat of another.
 */
function withSharedLinksApart(items: Array<FeedItem | null>): FeedItem[] {
  const titles = new Map<string, Set<string>>();
  for (const item of items) {
    if (item && item.guid === null && item.id === item.url) titles.set(item.id, (titles.get(item.id) ?? new Set()).add(item.title));
  }
  return items
    .filter((item): item is FeedItem => item !== null)
    .map((item) => (item.guid === null && (titles.get(item.id)?.size ?? 0) > 1 ? { ...item, id: sharedLinkId(item.id, item.title) } : item));
}

/**
 * The base for the feed's relative links. `xml:base` first, then for Atom the URL fetched
 * (RFC 4287). RSS says nothing of relative links, yet publishers write them meaning their own
 * site: the channel's absolute `<link>` comes before the URL fetched, which may be a feed host
 * (FeedBurner, a CDN). A saved Atom file read with no URL falls back to its absolute link.
 */
function linkBase(raw: RawFeed, documentUrl: string | null): string | null {
  if (raw.base) {
    const resolved = resolveLink(raw.base, documentUrl) ?? resolveLink(raw.base, absolute(raw.link));
    if (resolved) return resolved;
  }
  const own = absolute(raw.link);
  if (raw.format === "atom") return documentUrl ?? own;
  return own ?? documentUrl;
}

function absolute(link: string | null): string | null {
  return link ? resolveLink(link, null) : null;
}

/** The `max` newest entries, in document order; undated entries rank by position. */
function newest(entries: RawEntry[], max: number): RawEntry[] {
  if (entries.length <= max) return entries;
  const ranked = entries.map((entry, index) => ({ entry, index, time: entry.dates.map(parseFeedDate).find(Boolean)?.getTime() ?? -Infinity }));
  const undatedShare = ranked.filter((rank) => rank.time === -Infinity).length / ranked.length;
  if (undatedShare > 0.5) return entries.slice(0, max);
  ranked.sort((a, b) => b.time - a.time || a.index - b.index);
  return ranked.slice(0, max).sort((a, b) => a.index - b.index).map((rank) => rank.entry);
}

/** What kind of document this is, from its first significant characters. */
export function sniffDocument(text: string): "empty" | "json" | "html" | "xml" {
  const head = text.slice(0, 4096).replace(/^\uFEFF/, "");
  const start = head.search(/\S/);
  if (start === -1) return "empty";
  if (head[start] === "{") return "json";
  // Skip the XML declaration, processing instructions and comments before the first tag.
  const body = head.slice(start).replace(/^(?:<\?[\s\S]*?\?>\s*|<!--[\s\S]*?-->\s*)*/, "");
  if (/^<html[\s>]/i.test(body)) return "html";
  // An HTML doctype alone does not make a page: some feeds carry XHTML's before their <rss>.
  const doctype = /^<!doctype\s+html\b[^>]*>\s*(?:<!--[\s\S]*?-->\s*)*/i.exec(body);
  if (!doctype) return "xml";
  return /^<(?:rss|feed|rdf:rdf|channel)[\s>]/i.test(body.slice(doctype[0].length)) ? "xml" : "html";
}
