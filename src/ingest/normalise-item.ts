import { createHash } from "node:crypto";
import type { FeedItem } from "../domain/item.js";
import { canonicalUrl, resolveLink } from "./canonical-url.js";
import { cleanText, truncate } from "./clean-text.js";
import { htmlToText, MAX_HTML_INPUT } from "./html-to-text.js";
import { parseFeedDate } from "./parse-date.js";
import type { RawEntry, RawText } from "./raw-feed.js";

/** What normalising an entry needs to know about its feed and the moment of reading. */
export interface NormaliseContext {
  sourceId: string;
  /** Absolute base for relative links (the feed's xml:base resolved against its URL), or null. */
  base: string | null;
  language: string | null;
  /** Fetch time: stands in for missing dates and caps future ones. */
  now: Date;
}

export const LIMITS = { title: 500, summary: 1_000, derivedSummary: 400, content: 20_000, guid: 512 } as const;

/** Turns a raw entry into a clean `FeedItem`, or null when nothing usable is left of it. */
export function normaliseEntry(entry: RawEntry, context: NormaliseContext): FeedItem | null {
  const base = entry.base ? (resolveLink(entry.base, context.base) ?? context.base) : context.base;
  const link = entry.links.map((href) => resolveLink(href, base)).find((resolved) => resolved !== null) ?? null;
  const url = link ? canonicalUrl(link) : null;
  const content = plainText(entry.content, { multiline: true, maxLength: LIMITS.content });
  let summary = plainText(entry.summary, { maxLength: LIMITS.summary });
  if (summary === "" && content !== "") summary = truncate(cleanText(content), LIMITS.derivedSummary);
  let title = plainText(entry.title, { maxLength: LIMITS.title });
  const publishedGuid = entry.guid ? cleanText(entry.guid) || null : null;
  const parsedDate = entry.dates.map(parseFeedDate).find((date) => date !== null) ?? null;
  const published = plausibleDate(parsedDate, context.now);
  const author = entry.author ? cleanText(entry.author, { maxLength: 200 }) || null : null;
  // Only an entry with nothing at all in it is dropped.
  if (title === "" && summary === "" && url === null && publishedGuid === null && parsedDate === null && author === null) return null;
  if (title === "") title = truncate(summary, 120);
  // Future dates would sort above everything for as long as they stay in the future.
  const publishedAt = published === null || published > context.now ? context.now : published;
  return {
    // The guid as published, so that a feed read from a new address keeps its items' identities.
    id: stableId(publishedGuid, url, title, parsedDate, summary),
    sourceId: context.sourceId,
    guid: publishedGuid && resolvedGuid(publishedGuid, base),
    link,
    url,
    title,
    summary,
    content,
    author,
    language: languageTag(entry.language ?? context.language),
    publishedAt: publishedAt.toISOString(),
    dateMissing: published === null,
    ...(published === null && parsedDate !== null ? { dateImplausible: true } : {}),
  };
}

/** Before the web had feeds. */
const EARLIEST_PLAUSIBLE_MS = Date.UTC(1995, 0, 1);
const MAX_CLOCK_SKEW_MS = 86_400_000;

/**
 * A date we can believe, else null: epoch zeros ("1 Jan 1970") and dates more than a day ahead come
 * from broken publishing systems, so the item is shown as undated (dated by when we first saw it), and
 * marked implausible so that it alerts nobody.
 */
function plausibleDate(date: Date | null, now: Date): Date | null {
  if (date === null) return null;
  const ms = date.getTime();
  return ms < EARLIEST_PLAUSIBLE_MS || ms > now.getTime() + MAX_CLOCK_SKEW_MS ? null : date;
}

/** Plain text from feed text: markup removed when the feed says (or defaults to) HTML. */
export function plainText(text: RawText | null, options: { multiline?: boolean; maxLength: number }): string {
  if (!text) return "";
  // Markup rarely runs past eight characters for each one of text kept: the rest need not be read.
  const raw = text.type === "html" ? htmlToText(text.value, Math.min(MAX_HTML_INPUT, options.maxLength * 8)) : text.value.slice(0, options.maxLength * 4);
  return cleanText(raw, options);
}

/**
 * A guid written as a URL path (`/2026/01/story`, `./story`, `../story`) is a link relative to the
 * feed, and is resolved like one. Anything else stays as it is: `tag:` and `urn:` ids, other
 * absolute URIs, and opaque keys such as `feed-1-story-3` or `post/123`, which may well not be paths.
 */
function resolvedGuid(guid: string, base: string | null): string {
  if (!/^\.{0,2}\//.test(guid) || /\s/.test(guid)) return guid;
  return resolveLink(guid, base) ?? guid;
}

/** The guid when there is one, else the canonical URL, else a hash of what the entry says. */
function stableId(guid: string | null, url: string | null, title: string, published: Date | null, summary: string): string {
  if (guid) return guid.length <= LIMITS.guid ? guid : `sha256:${hash(guid)}`;
  if (url) return url;
  return `sha256:${hash(`${title}\n${published?.toISOString() ?? ""}\n${summary}`)}`;
}

/** The id of an entry whose link other entries of its feed share under other titles. */
export function sharedLinkId(url: string, title: string): string {
  return `${url}#title-${hash(title).slice(0, 16)}`;
}

function hash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 32);
}

export function languageTag(value: string | null): string | null {
  const tag = value?.trim().replace(/_/g, "-").toLowerCase();
  return tag && /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/.test(tag) ? tag : null;
}
