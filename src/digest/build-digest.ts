import type { Digest, DigestSection, DigestStory } from "../domain/digest.js";
import type { StoredItem } from "../domain/story.js";
import { excerptOf } from "./excerpt.js";
import { footerFor } from "./footer.js";
import { pickStories, type PickedStory } from "./pick-stories.js";
import { httpUrlOrNull } from "./safe-url.js";

export interface DigestInput {
  beat: string;
  /** The digest's topics in the configured order: sections follow it. `maxStories` caps one topic. */
  topics: Array<{ id: string; name: string; maxStories?: number | undefined }>;
  /** Items first seen in the digest's window that passed one of its topics. */
  items: StoredItem[];
  /** Every stored item of the stories in `items`, to count and name the other outlets. */
  clusterItems: StoredItem[];
  now: Date;
  timeZone: string;
  /** Stories in the whole digest, shared among its topics. */
  maxStories: number;
  /** Start of the window (the digest's last mark); shown in the header and in the empty-window note. */
  since?: string | null;
  /** Sources as configured: `name` is shown (else the feed's title, else the id); `weight` ranks. */
  sources?: Array<{ id: string; name?: string | undefined; title?: string | null | undefined; weight?: number | undefined }>;
  /** The slash command the footer teaches; `/brief` unless the app is installed under another name. */
  command?: string;
}

/** Groups window items into stories, puts each story once under its best topic, shares places fairly among topics. */
export function buildDigest(input: DigestInput): Digest {
  const generatedAt = input.now.toISOString();
  const sources = new Map((input.sources ?? []).map((source) => [source.id, source]));
  const outletOf = (sourceId: string) => outletName(sourceId, sources.get(sourceId)?.name, sources.get(sourceId)?.title);
  const picked = pickStories(input.items, input.clusterItems, {
    topics: input.topics,
    max: input.maxStories,
    now: input.now,
    weightOf: (sourceId) => sources.get(sourceId)?.weight ?? 1,
  });

  const byTopic = new Map<string, DigestStory[]>();
  for (const story of picked) {
    const list = byTopic.get(story.topicId) ?? [];
    list.push(toDigestStory(story, outletOf));
    byTopic.set(story.topicId, list);
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
    footer: footerFor(sections, input.now, input.command),
  };
}

/** How an outlet is shown: the configured name, else the feed's own title, else the source id. */
export function outletName(sourceId: string, name: string | null | undefined, title: string | null | undefined): string {
  return name?.trim() || title?.trim() || sourceId;
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
    publishedAt: lead.dateMissing ? lead.firstSeenAt : lead.publishedAt,
    ...(lead.dateMissing ? { dateMissing: true } : {}),
    matchedTerms: story.terms,
    excerpt: excerptOf(summary),
    score: story.rank.score,
    rank: story.rank,
  };
}
