import type { FeedItem } from "../domain/item.js";

export interface ReissueOptions {
  /** The source's previous successful poll; items dated before it cannot really be new. */
  since?: string | null | undefined;
  /** Fewer new items than this are never held (default 5). */
  minNew?: number | undefined;
  /** Share of a fetch's items that must look new before dates are even considered (default 0.5). */
  newShare?: number | undefined;
}

/**
 * True when a non-first fetch's "new" items look like old items under fresh guids (a CMS
 * migration, a guid that changes on every fetch) rather than news: most of the feed is
 * suddenly unknown AND, where dates tell, most of those items predate the last successful
 * poll. Without `since` it falls back on the share alone (90% or more new). The caller stores
 * such items as seen without alerting, and warns.
 */
export function looksLikeReissue(items: FeedItem[], knownIds: ReadonlySet<string>, options: ReissueOptions = {}): boolean {
  const fresh = items.filter((item) => !knownIds.has(item.id));
  if (fresh.length < (options.minNew ?? 5) || fresh.length < items.length * (options.newShare ?? 0.5)) return false;
  const since = options.since ? Date.parse(options.since) : NaN;
  const dated = fresh.filter((item) => !item.dateMissing);
  if (Number.isNaN(since) || dated.length < fresh.length / 2) return fresh.length >= items.length * 0.9;
  const stale = dated.filter((item) => Date.parse(item.publishedAt) < since).length;
  return stale >= dated.length * 0.8;
}
