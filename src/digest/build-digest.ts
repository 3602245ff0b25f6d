import type { Digest, DigestSection, DigestStory } from "../domain/digest.js";
import type { StoredItem } from "../domain/story.js";
import { excerptOf } from "./excerpt.js";
import { footerFor } from "./footer.js";
import { pickStories, type PickedStory } from "./pick-stories.js";
import { httpUrlOrNull } from "./safe-url.js";

export interface DigestInput {
  beat: string;
  /** The digest's topics in the configured order: sections follow it. */
  topics: Array<{ id: string; name: string }>;
  /** Items first seen in the digest's window, best first. */
  items: StoredItem[];
  /** Every stored item of the stories in `items`, to name the other outlets. */
  clusterItems: StoredItem[];
  now: Date;
  timeZone: string;
  maxStories: number;
  /** Start of the window (the digest's last mark); shown in the header and in the empty-window note. */
  since?: string | null;
  /** Display names of sources (`name` from the config); a source without one is shown by its id. */
  sources?: Array<{ id: string; name?: string | undefined }>;
  /** The slash command the footer teaches; `/brief` unless the app is installed under another name. */
  command?: string;
}

/** Groups window items into stories, puts each story once under its best topic, best first. */
export function buildDigest(input: DigestInput): Digest {
  const generatedAt = input.now.toISOString();
  const names = new Map((input.sources ?? []).map((source) => [source.id, source.name?.trim() || source.id]));
  const outletOf = (sourceId: string) => names.get(sourceId) ?? sourceId;
  const picked = pickStories(input.items, input.clusterItems, input.topics.map((topic) => topic.id), input.maxStories);

  const byTopic = new Map<string, DigestStory[]>();
  for (const story of picked) {
    const list = byTopic.get(story.best.topicId) ?? [];
    list.push(toDigestStory(story, outletOf));
    byTopic.set(story.best.topicId, list);
  }
  const sections: DigestSection[] = input.topics
    .filter((topic) => byTopic.has(topic.id))
    .map((topic) => ({ topicId: topic.id, topicName: topic.name, stories: byTopic.get(topic.id) ?? [] }));

  return {
    beat: input.beat,
    generatedAt,
    timeZone: input.timeZone,
    since: input.since ?? null,
    storyCount: picked.length,
    sections,
    footer: footerFor(sections, input.command),
  };
}

function toDigestStory(story: PickedStory, outletOf: (sourceId: string) => string): DigestStory {
  const { lead } = story;
  const others = story.siblings
    .filter((item) => item.sourceId !== lead.sourceId)
    .sort((a, b) => a.publishedAt.localeCompare(b.publishedAt) || a.key.localeCompare(b.key));
  const summary = lead.summary.trim() || lead.content;
  return {
    clusterId: lead.clusterId,
    title: lead.title,
    url: httpUrlOrNull(lead.url) ?? httpUrlOrNull(lead.link),
    sourceId: lead.sourceId,
    outlet: outletOf(lead.sourceId),
    otherOutlets: [...new Set(others.map((item) => outletOf(item.sourceId)))],
    publishedAt: lead.publishedAt,
    matchedTerms: story.terms,
    excerpt: excerptOf(summary),
    score: story.best.score,
  };
}
