import type { StoredItem } from "../domain/story.js";

/** Alerts only news: 48 hours between publication and first sight, unless configured otherwise. */
export const DEFAULT_ALERT_MAX_AGE_MS = 48 * 3_600_000;

/**
 * Whether an item is news worth an alert: published at most `maxAgeMs` before we first saw it.
 * An old article that surfaces in a feed (a re-sorted archive, a newly added category) is stored
 * and searchable but pings nobody. Undated items are judged by when we first saw them: news. An item whose feed gave an
 * impossible date (1970, next year) is not: nothing says it is new, and such dates come from archives
 * and broken exports far more often than from breaking news.
 */
export function isNews(item: Pick<StoredItem, "publishedAt" | "dateMissing" | "dateImplausible" | "firstSeenAt">, maxAgeMs = DEFAULT_ALERT_MAX_AGE_MS): boolean {
  if (item.dateImplausible) return false;
  if (item.dateMissing) return true;
  return Date.parse(item.firstSeenAt) - Date.parse(item.publishedAt) <= maxAgeMs;
}
