import type { FeedItem } from "../domain/item.js";

/** Bounds for how often one feed is polled. */
export interface IntervalBounds {
  minMs: number;
  maxMs: number;
}

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * The next polling interval from how often the feed really publishes: half the mean gap
 * between its posts of the past week, counted up to now (20 posts in the last day: every
 * ~36 minutes), within the bounds. A feed with nothing recent drifts to the maximum, which
 * is what bounds alert latency for it; one without dates keeps `preferredMs`.
 */
export function adaptInterval(items: FeedItem[], now: Date, preferredMs: number, bounds: IntervalBounds): number {
  const dated = items.filter((item) => !item.dateMissing).map((item) => Date.parse(item.publishedAt));
  if (dated.length === 0) return clamp(preferredMs, bounds);
  const recent = dated.filter((time) => time >= now.getTime() - WEEK_MS);
  if (recent.length === 0) return bounds.maxMs;
  const meanGap = (now.getTime() - Math.min(...recent)) / recent.length;
  return clamp(Math.round(meanGap / 2), bounds);
}

/** After a 304 the feed has been quiet for at least one more interval: stretch a little. */
export function stretchInterval(currentMs: number, bounds: IntervalBounds): number {
  return clamp(Math.round(currentMs * 1.25), bounds);
}

export function clamp(ms: number, bounds: IntervalBounds): number {
  return Math.min(bounds.maxMs, Math.max(bounds.minMs, ms));
}
