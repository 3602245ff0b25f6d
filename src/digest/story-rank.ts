import type { DigestRank } from "../domain/digest.js";
import type { TopicMatch } from "../domain/match.js";

/** Hours after which a story's freshness is one half (then one third at twice that, and so on). */
export const FRESHNESS_HOURS = 24;

/*
 * How important a story is within its topic (docs/digest.md has a worked example):
 *
 *   score       = quality × outletFactor × freshness × weight
 *   quality     = where the best-placed matched term was found: title 1, summary 2/3, body 1/3
 *                 (the same for a query of one term or of twenty OR branches, so topics compare)
 *   outletFactor = 1 + log2(distinct outlets carrying the story): 1, 2, 2.58, 3 for 1, 2, 3, 4 outlets
 *   freshness   = 1 / (1 + hours since the story's newest item / 24): 1 now, 0.5 after a day,
 *                 0.33 after two; never 0, so older stories still rank among themselves
 *   weight      = the configured weight of the lead item's source (1 unless set)
 */

/** How well one match fits its query, in (0, 1]: the best field any of its terms was found in. */
export function matchQuality(match: Pick<TopicMatch, "fields">): number {
  if (match.fields.title?.length) return 1;
  if (match.fields.summary?.length) return 2 / 3;
  return 1 / 3;
}

export function outletFactor(outlets: number): number {
  return 1 + Math.log2(Math.max(1, outlets));
}

/** 1 / (1 + age / FRESHNESS_HOURS); a date in the future counts as now, an unreadable one as a year old. */
export function freshnessOf(newestAt: string, now: Date): number {
  const at = Date.parse(newestAt);
  const hours = Number.isNaN(at) ? 365 * 24 : Math.max(0, (now.getTime() - at) / 3_600_000);
  return 1 / (1 + hours / FRESHNESS_HOURS);
}

/** The parts of a story's importance and their product. */
export function rankStory(parts: { quality: number; outlets: number; newestAt: string; weight: number }, now: Date): DigestRank {
  const factor = outletFactor(parts.outlets);
  const freshness = freshnessOf(parts.newestAt, now);
  return {
    quality: significant(parts.quality),
    outlets: parts.outlets,
    outletFactor: significant(factor),
    freshness: significant(freshness),
    newestAt: parts.newestAt,
    weight: parts.weight,
    // Finer than the parts: stories a year old still differ in the sixth decimal.
    score: round(parts.quality * factor * freshness * parts.weight, 6),
  };
}

/** Four significant digits: a year-old story's freshness (0.002661) keeps its size. */
function significant(value: number): number {
  return Number(value.toPrecision(4));
}

function round(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}
