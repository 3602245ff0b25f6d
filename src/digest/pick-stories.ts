import type { DigestRank } from "../domain/digest.js";
import type { TopicMatch } from "../domain/match.js";
import type { StoredItem } from "../domain/story.js";
import { allocateShares } from "./allocate-shares.js";
import { matchQuality, rankStory } from "./story-rank.js";

/** A story chosen for a digest: its lead item, the topic it goes under, why it ranks where it does. */
export interface PickedStory {
  lead: StoredItem;
  topicId: string;
  rank: DigestRank;
  /** Terms of all the lead's matches to digest topics, its topic's first, without repeats. */
  terms: string[];
  siblings: StoredItem[];
}

export interface PickOptions {
  /** The digest's topics in the configured order, with their own caps. */
  topics: ReadonlyArray<{ id: string; maxStories?: number | undefined }>;
  /** Stories in the whole digest. */
  max: number;
  now: Date;
  /** A source's configured weight (1 when unset). */
  weightOf: (sourceId: string) => number;
}

/**
 * One story per cluster among the window's items, under the topic it matches best (the topic listed
 * first on a tie), ranked within that topic by importance, and shared fairly among topics. Returns the
 * stories grouped by topic in the configured order, best first within each.
 */
export function pickStories(items: readonly StoredItem[], clusterItems: readonly StoredItem[], options: PickOptions): PickedStory[] {
  const order = new Map(options.topics.map((topic, index) => [topic.id, index]));
  const allByCluster = groupBy([...items, ...clusterItems], (item) => item.clusterId);
  const candidates = new Map<string, PickedStory[]>(options.topics.map((topic) => [topic.id, []]));

  for (const [clusterId, windowItems] of groupBy(items, (item) => item.clusterId)) {
    const lead = bestLead(windowItems, order, options.weightOf);
    if (!lead) continue;
    const siblings = uniqueByKey(allByCluster.get(clusterId) ?? windowItems);
    const rank = rankStory(
      {
        quality: lead.quality,
        outlets: new Set(siblings.map((item) => item.sourceId)).size,
        newestAt: siblings.reduce((newest, item) => (item.publishedAt > newest ? item.publishedAt : newest), lead.item.publishedAt),
        weight: options.weightOf(lead.item.sourceId),
      },
      options.now,
    );
    candidates.get(lead.match.topicId)!.push({ lead: lead.item, topicId: lead.match.topicId, rank, terms: termsOf(lead.item, lead.match, order), siblings });
  }

  const byImportance = (a: PickedStory, b: PickedStory) =>
    b.rank.score - a.rank.score || b.lead.publishedAt.localeCompare(a.lead.publishedAt) || a.lead.clusterId.localeCompare(b.lead.clusterId);
  const shares = allocateShares(
    options.topics.map((topic) => ({ id: topic.id, cap: topic.maxStories ?? Infinity, stories: candidates.get(topic.id)!.sort(byImportance) })),
    options.max,
    (story) => story.rank.score,
  );
  return options.topics.flatMap((topic) => shares.get(topic.id) ?? []);
}

interface Lead {
  item: StoredItem;
  match: TopicMatch;
  quality: number;
}

/**
 * The item and digest topic that match best (quality × source weight); then the topic listed first; within
 * one topic the higher score of its own query; then the item published first.
 */
function bestLead(items: readonly StoredItem[], order: Map<string, number>, weightOf: (sourceId: string) => number): Lead | null {
  let best: Lead | null = null;
  let bestValue = -1;
  for (const item of items) {
    for (const match of item.matches) {
      if (!order.has(match.topicId)) continue;
      const quality = matchQuality(match);
      const value = quality * weightOf(item.sourceId);
      if (best === null || value > bestValue || (value === bestValue && isEarlier({ item, match }, best, order))) {
        best = { item, match, quality };
        bestValue = value;
      }
    }
  }
  return best;
}

function isEarlier(a: { item: StoredItem; match: TopicMatch }, b: { item: StoredItem; match: TopicMatch }, order: Map<string, number>): boolean {
  const topic = order.get(a.match.topicId)! - order.get(b.match.topicId)!;
  if (topic !== 0) return topic < 0;
  if (a.match.score !== b.match.score) return a.match.score > b.match.score;
  if (a.item.publishedAt !== b.item.publishedAt) return a.item.publishedAt < b.item.publishedAt;
  return a.item.key < b.item.key;
}

function termsOf(item: StoredItem, best: TopicMatch, order: Map<string, number>): string[] {
  const others = item.matches.filter((m) => m !== best && order.has(m.topicId)).sort((a, b) => order.get(a.topicId)! - order.get(b.topicId)!);
  const seen = new Set<string>();
  const terms: string[] = [];
  for (const term of [best, ...others].flatMap((m) => m.terms)) {
    const folded = term.normalize("NFKC").toLowerCase();
    if (seen.has(folded)) continue;
    seen.add(folded);
    terms.push(term);
  }
  return terms;
}

function groupBy<T>(list: readonly T[], keyOf: (value: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const value of list) {
    const key = keyOf(value);
    const group = groups.get(key);
    if (group) group.push(value);
    else groups.set(key, [value]);
  }
  return groups;
}

function uniqueByKey(items: readonly StoredItem[]): StoredItem[] {
  return [...new Map(items.map((item) => [item.key, item])).values()];
}
