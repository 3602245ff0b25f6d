import { describe, expect, it } from "vitest";
import { buildDigest, type DigestInput } from "../../src/digest/index.js";
import type { MatchField } from "../../src/domain/match.js";
import type { StoredItem } from "../../src/domain/story.js";

const NOW = new Date("2026-12-04T09:00:00.000Z");
const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000).toISOString();

/** Five topics whose queries differ in width: a wide query sums more terms into its raw score. */
const TOPICS = [
  { id: "ukraine", name: "Ukraine", width: 9 },
  { id: "technology", name: "Technology", width: 6 },
  { id: "markets", name: "Markets", width: 3 },
  { id: "covid", name: "Covid", width: 2 },
  { id: "space", name: "Space", width: 1 },
] as const;

function item(topic: (typeof TOPICS)[number], story: string, source: string, options: { hours?: number; field?: MatchField } = {}): StoredItem {
  const terms = Array.from({ length: topic.width }, (_, i) => `${topic.id}-term-${i}`);
  const field = options.field ?? "title";
  return {
    key: `${source}:${story}`,
    id: story,
    sourceId: source,
    guid: story,
    link: null,
    url: `https://${source}.example.org/${story}`,
    title: `${topic.name} story ${story}`,
    summary: "",
    content: "",
    author: null,
    language: "en",
    publishedAt: hoursAgo(options.hours ?? 2),
    dateMissing: false,
    firstSeenAt: hoursAgo(options.hours ?? 2),
    clusterId: story,
    // The raw score sums 3 per term found in a title, as the matcher does: the widest query scores highest.
    matches: [{ topicId: topic.id, score: terms.length * (field === "title" ? 3 : 1), terms, fields: { [field]: terms } }],
  };
}

function input(items: StoredItem[], maxStories = 12): DigestInput {
  return {
    beat: "World",
    topics: TOPICS.map(({ id, name }) => ({ id, name })),
    items,
    clusterItems: items,
    now: NOW,
    timeZone: "UTC",
    maxStories,
  };
}

describe("a digest over five topics of unequal query widths", () => {
  const [ukraine, technology, markets, covid, space] = TOPICS;
  const items = [
    ...Array.from({ length: 30 }, (_, i) => item(ukraine, `ua-${i}`, `wire-${i % 5}`, { hours: 1 + i / 10 })),
    ...Array.from({ length: 20 }, (_, i) => item(technology, `tech-${i}`, `tech-site-${i % 4}`, { hours: 3 + i })),
    // One technology story told by four outlets, and one of equal match and age told by one.
    ...["verge", "engadget", "bbc", "guardian"].map((source) => ({ ...item(technology, "tech-wide", source, { hours: 30 }), key: `${source}:tech-wide` })),
    item(technology, "tech-single", "verge", { hours: 30 }),
    item(markets, "mk-0", "ft", { hours: 5 }),
    ...Array.from({ length: 3 }, (_, i) => item(covid, `cv-${i}`, `health-${i}`, { hours: 8 + i, field: "content" })),
    item(space, "sp-0", "space-news", { hours: 20, field: "summary" }),
  ];
  const digest = buildDigest(input(items));
  const sectionOf = (id: string) => digest.sections.find((section) => section.topicId === id);

  it("represents every topic with matches, however narrow its query", () => {
    expect(digest.sections.map((section) => section.topicId)).toEqual(["ukraine", "technology", "markets", "covid", "space"]);
    expect(digest.storyCount).toBe(12);
  });

  it("shares the places fairly: what markets and space cannot use flows to the others", () => {
    const counts = Object.fromEntries(digest.sections.map((section) => [section.topicId, section.stories.length]));
    expect(counts).toEqual({ ukraine: 4, technology: 3, markets: 1, covid: 3, space: 1 });
  });

  it("scores a title match the same whatever the width of its query", () => {
    const wide = item(ukraine, "a", "x", { hours: 4 });
    const narrow = item(space, "b", "y", { hours: 4 });
    const scores = buildDigest(input([wide, narrow])).sections.map((section) => section.stories[0]!.score);
    expect(scores[0]).toBe(scores[1]);
  });

  it("ranks a story carried by more outlets above a single-outlet one of equal match and age", () => {
    const stories = buildDigest(input(items.filter((i) => i.clusterId.startsWith("tech-wide") || i.clusterId === "tech-single"))).sections[0]!.stories;
    expect(stories.map((story) => [story.clusterId, story.rank?.outlets])).toEqual([["tech-wide", 4], ["tech-single", 1]]);
    expect(stories[0]!.score).toBeGreaterThan(stories[1]!.score);
    expect(sectionOf("technology")!.stories.map((story) => story.clusterId)).toContain("tech-wide");
  });

  it("ranks a title match above a body match of the same age and reach", () => {
    const title = item(covid, "t", "x", { hours: 4 });
    const body = item(covid, "b", "y", { hours: 4, field: "content" });
    expect(buildDigest(input([body, title])).sections[0]!.stories.map((story) => story.clusterId)).toEqual(["t", "b"]);
  });

  it("puts a story that fits two topics equally well under the one with fewer stories, so no topic is starved by the order", () => {
    const both = (story: string, hours: number): StoredItem => {
      const base = item(markets, story, "wire", { hours });
      return { ...base, matches: [item(technology, story, "wire").matches[0]!, base.matches[0]!] };
    };
    const own = item(technology, "tech-only", "wire", { hours: 1 });
    const sections = buildDigest(input([own, both("shared-1", 2), both("shared-2", 3)])).sections;
    expect(sections.map((section) => [section.topicId, section.stories.map((story) => story.clusterId)])).toEqual([
      ["technology", ["tech-only", "shared-2"]],
      ["markets", ["shared-1"]],
    ]);
  });

  it("ranks the fresher of two equal stories first", () => {
    const older = item(markets, "old", "x", { hours: 20 });
    const newer = item(markets, "new", "y", { hours: 2 });
    expect(buildDigest(input([older, newer])).sections[0]!.stories.map((story) => story.clusterId)).toEqual(["new", "old"]);
  });
});
