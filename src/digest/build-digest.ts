import type { StoredItem } from "../domain/story.js";
import type { Digest, DigestSection, DigestStory } from "../domain/digest.js";

export interface DigestInput {
  beat: string;
  topics: Array<{ id: string; name: string }>;
  /** Items first seen in the digest's window, best first. */
  items: StoredItem[];
  /** Every stored item of the stories in `items`, to name the other outlets. */
  clusterItems: StoredItem[];
  now: Date;
  timeZone: string;
  maxStories: number;
}

const EXCERPT_CHARS = 240;

/** Groups window items into stories, puts each story once under its best topic, best first. */
export function buildDigest(input: DigestInput): Digest {
  const topicOrder = new Map(input.topics.map((topic, index) => [topic.id, index]));
  const byCluster = new Map<string, StoredItem[]>();
  for (const item of input.clusterItems) {
    const list = byCluster.get(item.clusterId) ?? [];
    list.push(item);
    byCluster.set(item.clusterId, list);
  }

  const sections = new Map<string, DigestStory[]>();
  const seenClusters = new Set<string>();
  let count = 0;
  for (const item of input.items) {
    if (count >= input.maxStories) break;
    if (seenClusters.has(item.clusterId)) continue;
    const best = bestTopicMatch(item, topicOrder);
    if (!best) continue;
    seenClusters.add(item.clusterId);
    const siblings = byCluster.get(item.clusterId) ?? [item];
    const story: DigestStory = {
      clusterId: item.clusterId,
      title: item.title,
      url: item.url,
      sourceId: item.sourceId,
      publishedAt: item.publishedAt,
      otherSources: [...new Set(siblings.map((s) => s.sourceId).filter((id) => id !== item.sourceId))],
      matchedTerms: best.terms,
      excerpt: excerptOf(item.summary),
      score: best.score,
    };
    sections.set(best.topicId, [...(sections.get(best.topicId) ?? []), story]);
    count += 1;
  }

  const ordered: DigestSection[] = input.topics
    .filter((topic) => sections.has(topic.id))
    .map((topic) => ({ topicId: topic.id, topicName: topic.name, stories: sections.get(topic.id) ?? [] }));
  return { beat: input.beat, generatedAt: input.now.toISOString(), timeZone: input.timeZone, storyCount: count, sections: ordered };
}

function bestTopicMatch(item: StoredItem, topicOrder: Map<string, number>) {
  return item.matches
    .filter((match) => topicOrder.has(match.topicId))
    .sort((a, b) => b.score - a.score || (topicOrder.get(a.topicId) ?? 0) - (topicOrder.get(b.topicId) ?? 0))[0];
}

function excerptOf(summary: string): string {
  if (summary.length <= EXCERPT_CHARS) return summary;
  const cut = summary.slice(0, EXCERPT_CHARS);
  const space = cut.lastIndexOf(" ");
  return `${(space > EXCERPT_CHARS / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
