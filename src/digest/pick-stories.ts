import type { TopicMatch } from "../domain/match.js";
import type { StoredItem } from "../domain/story.js";

/** A story chosen for a digest: its lead item, the topic it goes under, and every item that told it. */
export interface PickedStory {
  lead: StoredItem;
  best: TopicMatch;
  /** Terms of all the lead's matches to digest topics, best topic's first, without repeats. */
  terms: string[];
  siblings: StoredItem[];
}

/**
 * One story per cluster among the window's items, each under its best topic (highest score; the topic
 * listed first on a tie), best first across the digest, at most `max`.
 */
export function pickStories(items: readonly StoredItem[], clusterItems: readonly StoredItem[], topicIds: readonly string[], max: number): PickedStory[] {
  const order = new Map(topicIds.map((id, index) => [id, index]));
  const rank = (match: TopicMatch) => order.get(match.topicId) ?? Number.MAX_SAFE_INTEGER;
  const byCluster = groupBy([...items, ...clusterItems], (item) => item.clusterId);

  const leads = new Map<string, { item: StoredItem; best: TopicMatch }>();
  for (const item of items) {
    const best = item.matches.filter((m) => order.has(m.topicId)).sort((a, b) => b.score - a.score || rank(a) - rank(b))[0];
    if (!best) continue;
    const current = leads.get(item.clusterId);
    if (!current || isBetter(item, best, current.item, current.best)) leads.set(item.clusterId, { item, best });
  }

  const kept = [...leads.values()]
    .sort((a, b) => b.best.score - a.best.score || b.item.publishedAt.localeCompare(a.item.publishedAt) || a.item.clusterId.localeCompare(b.item.clusterId))
    .slice(0, Math.max(0, max));
  return kept.map(({ item, best }) => ({
    lead: item,
    best,
    terms: termsOf(item, best, order),
    siblings: uniqueByKey(byCluster.get(item.clusterId) ?? [item]),
  }));
}

/** The higher score leads; on a tie the outlet that published first. */
function isBetter(item: StoredItem, best: TopicMatch, other: StoredItem, otherBest: TopicMatch): boolean {
  if (best.score !== otherBest.score) return best.score > otherBest.score;
  return item.publishedAt < other.publishedAt || (item.publishedAt === other.publishedAt && item.key < other.key);
}

function termsOf(item: StoredItem, best: TopicMatch, order: Map<string, number>): string[] {
  const matches = [best, ...item.matches.filter((m) => m !== best && order.has(m.topicId)).sort((a, b) => b.score - a.score)];
  const seen = new Set<string>();
  const terms: string[] = [];
  for (const term of matches.flatMap((m) => m.terms)) {
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
