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

  const tied: Array<{ story: PickedStory; leads: Lead[] }> = [];
  for (const [clusterId, windowItems] of groupBy(items, (item) => item.clusterId)) {
    const leads = bestLeads(windowItems, order, options.weightOf);
    const lead = leads[0];
    if (!lead) continue;
    const siblings = uniqueByKey(allByCluster.get(clusterId) ?? windowItems);
    const rank = rankStory(
      {
        quality: lead.quality,
        outlets: new Set(siblings.map((item) => item.sourceId)).size,
        newestAt: newestOf(siblings),
        weight: options.weightOf(lead.item.sourceId),
      },
      options.now,
    );
    const story = { lead: lead.item, topicId: lead.match.topicId, rank, terms: termsOf(lead.item, lead.match, order), siblings };
    if (leads.length === 1) candidates.get(story.topicId)!.push(story);
    else tied.push({ story, leads });
  }
  // A story that fits several topics equally well goes where it adds most: the topic with fewest stories so
  // far (the one listed first on a tie), most important stories first. Topic order alone would starve the last.
  tied.sort((a, b) => b.story.rank.score - a.story.rank.score || a.story.lead.clusterId.localeCompare(b.story.lead.clusterId));
  for (const { story, leads } of tied) {
    const lead = leads.reduce((best, next) => (candidates.get(next.match.topicId)!.length < candidates.get(best.match.topicId)!.length ? next : best));
    candidates.get(lead.match.topicId)!.push({ ...story, lead: lead.item, topicId: lead.match.topicId, terms: termsOf(lead.item, lead.match, order) });
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
 * For each digest topic the story matches best (quality × source weight), its lead item: the item that
 * matches that topic best, then the one its own query scores higher, then the one published first.
 * In the configured topic order; more than one when topics tie.
 */
function bestLeads(items: readonly StoredItem[], order: Map<string, number>, weightOf: (sourceId: string) => number): Lead[] {
  const byTopic = new Map<string, { lead: Lead; value: number }>();
  for (const item of items) {
    for (const match of item.matches) {
      if (!order.has(match.topicId)) continue;
      const quality = matchQuality(match);
      const value = quality * weightOf(item.sourceId);
      const current = byTopic.get(match.topicId);
      if (!current || value > current.value || (value === current.value && isEarlier({ item, match }, current.lead, order))) {
        byTopic.set(match.topicId, { lead: { item, match, quality }, value });
      }
    }
  }
  const best = Math.max(...[...byTopic.values()].map((entry) => entry.value));
  return [...byTopic.values()]
    .filter((entry) => entry.value === best)
    .map((entry) => entry.lead)
    .sort((a, b) => order.get(a.match.topicId)! - order.get(b.match.topicId)!);
}

function isEarlier(a: { item: StoredItem; match: TopicMatch }, b: { item: StoredItem; match: TopicMatch }, order: Map<string, number>): boolean {
  const topic = order.get(a.match.topicId)! - order.get(b.match.topicId)!;
  if (topic !== 0) return topic < 0;
  // An item with its own date says more than one dated by when we first saw it.
  if (a.item.dateMissing !== b.item.dateMissing) return !a.item.dateMissing;
  if (a.match.score !== b.match.score) return a.match.score > b.match.score;
  if (a.item.publishedAt !== b.item.publishedAt) return a.item.publishedAt < b.item.publishedAt;
  return a.item.key < b.item.key;
}

/** When the story last moved: its newest dated item; first-seen times only when no item has a date. */
function newestOf(items: readonly StoredItem[]): string {
  const dated = items.filter((item) => !item.dateMissing);
  const pool = dated.length > 0 ? dated : items;
  return pool.reduce((newest, item) => (item.publishedAt > newest ? item.publishedAt : newest), "");
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
