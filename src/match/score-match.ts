import type { MatchField, TopicMatch } from "../domain/match.js";
import type { Hit } from "./evaluate-query.js";
import { SOURCE } from "./item-scanner.js";

const FIELD_NAMES: readonly MatchField[] = ["title", "summary", "content", "source"];

/** How much one term counts, by the best field it was found in. */
export const FIELD_WEIGHTS: Readonly<Record<MatchField, number>> = { title: 3, summary: 2, content: 1, source: 0 };

/** Relevance of one term by the fields it was found in, as bits (title 1, summary 2, content 4). */
export const BEST_FIELD_WEIGHT: readonly number[] = Array.from({ length: 8 }, (_, bits) =>
  Math.max(0, ...FIELD_NAMES.slice(0, 3).map((name, field) => (bits & (1 << field) ? FIELD_WEIGHTS[name] : 0))),
);

/** Hours for the recency bonus to halve. */
export const RECENCY_HALF_LIFE_HOURS = 24;

/*
 * The score of a match, computed in compile-matcher.ts from these parts (the source weight and
 * recency once per item):
 *
 *   score = relevance × sourceWeight × recency, rounded to 3 decimals
 *   relevance    = Σ over distinct matched terms of the weight of the best field the term was
 *                  found in (title 3, summary 2, content 1); 1 when only `source:` matched
 *   sourceWeight = sourceWeights[item.sourceId] ?? 1 (negative counts as 0)
 *   recency      = 0.5 + 0.5 × 2^(−ageHours / 24), age = now − publishedAt, so 1 for a new item,
 *                  0.75 after a day, never below 0.5; future dates count as new, unreadable ones
 *                  as old (0.5)
 *
 * So one term in the body of a fresh item from a weight-1 source scores 1, in the title 3, and
 * recency can at most halve a score: it ranks, it never decides whether a query matches.
 */

/** Σ over distinct terms of their best field weight; 1 when only `source:` matched. */
export function relevanceOf(hits: readonly Hit[]): number {
  const seen: string[] = [];
  const best: number[] = [];
  for (const hit of hits) {
    if (hit.field === SOURCE) continue;
    const weight = FIELD_WEIGHTS[FIELD_NAMES[hit.field] ?? "content"];
    const at = seen.indexOf(hit.display);
    if (at < 0) {
      seen.push(hit.display);
      best.push(weight);
    } else if (weight > best[at]!) {
      best[at] = weight;
    }
  }
  let relevance = 0;
  for (const weight of best) relevance += weight;
  return relevance === 0 ? 1 : relevance;
}

export function roundScore(score: number): number {
  return Math.round(score * 1000) / 1000;
}

/** 0.5 + 0.5 × 2^(−ageHours / 24); see scoreMatch. */
export function recencyFactor(publishedAt: string, now: Date): number {
  const published = Date.parse(publishedAt);
  if (Number.isNaN(published)) return 0.5;
  const ageHours = Math.max(0, (now.getTime() - published) / 3_600_000);
  return 0.5 + 0.5 * 2 ** (-ageHours / RECENCY_HALF_LIFE_HOURS);
}

/** Orders hits as the terms were written in the query, then by field. */
export function byQueryOrder(a: Hit, b: Hit): number {
  return a.order - b.order || a.field - b.field;
}

/**
 * A TopicMatch from a query's hits, which must be sorted `byQueryOrder`: terms in query order
 * without repeats, and the terms found in each field.
 */
export function toTopicMatch(topicId: string, hits: readonly Hit[], score: number): TopicMatch {
  const terms: string[] = [];
  const fields: Partial<Record<MatchField, string[]>> = {};
  for (const { display, field } of hits) {
    if (terms[terms.length - 1] !== display && !terms.includes(display)) terms.push(display);
    const name = FIELD_NAMES[field] ?? "content";
    const list = fields[name];
    if (list === undefined) fields[name] = [display];
    else if (!list.includes(display)) list.push(display);
  }
  return { topicId, score, terms, fields };
}

/** The TopicMatch of a one-term query found in the fields of `bits` (title 1, summary 2, content 4). */
export function singleTermMatch(topicId: string, term: string, bits: number, score: number): TopicMatch {
  const fields: Partial<Record<MatchField, string[]>> = {};
  if (bits & 1) fields.title = [term];
  if (bits & 2) fields.summary = [term];
  if (bits & 4) fields.content = [term];
  return { topicId, score, terms: [term], fields };
}
