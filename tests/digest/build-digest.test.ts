import { describe, expect, it } from "vitest";
import { buildDigest, type DigestInput } from "../../src/digest/index.js";
import { excerptOf } from "../../src/digest/excerpt.js";
import { footerFor } from "../../src/digest/footer.js";
import { sampleInput, storedItem } from "../fixtures/render/load-sample.js";

const summaryOf = (input: DigestInput) =>
  buildDigest(input).sections.map((section) => [section.topicId, section.stories.map((story) => story.clusterId)] as const);

describe("buildDigest on the sample window", () => {
  const digest = buildDigest(sampleInput());

  it("has one section per topic, in the configured order, stories by importance (all title matches of two outlets here: the fresher first)", () => {
    expect(digest.sections.map((s) => [s.topicId, s.stories.map((story) => story.clusterId)])).toEqual([
      ["china-ai-rules", ["waic", "cac-2023"]],
      ["ai-chips", ["h200", "hbm"]],
      ["export-controls", ["mofcom", "us-rule"]],
    ]);
    expect(digest.storyCount).toBe(6);
  });

  it("explains each story's rank: quality × (1 + log2 outlets) × freshness × weight", () => {
    const h200 = digest.sections[1]!.stories[0]!;
    // Three outlets, newest item 13 h before the digest: 1 × 2.585 × 1/(1 + 13/24).
    expect(h200.rank).toEqual({ quality: 1, outlets: 3, outletFactor: 2.585, freshness: 0.6486, newestAt: "2026-01-14T12:00:00.000Z", weight: 1, score: 1.676732 });
    expect(h200.score).toBe(h200.rank!.score);
  });

  it("puts a story that matches several topics once, under its best, with every reason it matched", () => {
    const h200 = digest.sections.flatMap((s) => s.stories).filter((story) => story.clusterId === "h200");
    expect(h200).toHaveLength(1);
    expect(h200[0]).toMatchObject({
      title: "China clears ByteDance, Alibaba and Tencent to buy Nvidia's H200",
      outlet: "Policy Wire",
      otherOutlets: ["Chip Daily", "科技政策速递"],
      matchedTerms: ["H200", "Nvidia", "export controls"],
      url: "https://policy-wire.example.org/2026/01/china-approves-h200-purchases",
      publishedAt: "2026-01-14T08:30:00.000Z",
    });
  });

  it("leads a story with its best-scoring item, in Chinese when that is the best", () => {
    const waic = digest.sections[0]?.stories[0];
    expect(waic).toMatchObject({ sourceId: "zh-tech", outlet: "科技政策速递", otherOutlets: ["Policy Wire"], matchedTerms: ["人工智能"] });
  });

  it("leaves out items whose topics the digest does not carry (the CAC 40 index)", () => {
    expect(digest.sections.flatMap((s) => s.stories).some((story) => story.clusterId === "cac40")).toBe(false);
  });

  it("carries the window, the zone and a footer built from its best story", () => {
    expect(digest).toMatchObject({
      beat: "China AI policy",
      generatedAt: "2026-01-15T01:00:00.000Z",
      since: "2026-01-14T01:00:00.000Z",
      timeZone: "Asia/Shanghai",
      footer: { search: "/brief search H200 since:7d", watch: '/brief watch "export controls"' },
    });
  });
});

describe("buildDigest choices", () => {
  it("gives every topic its share when there are more stories than max_stories", () => {
    expect(summaryOf({ ...sampleInput(), maxStories: 3 })).toEqual([
      ["china-ai-rules", ["waic"]],
      ["ai-chips", ["h200"]],
      ["export-controls", ["mofcom"]],
    ]);
  });

  it("gives a place left over to the topic whose next story is most important", () => {
    expect(summaryOf({ ...sampleInput(), maxStories: 4 })).toEqual([
      ["china-ai-rules", ["waic"]],
      ["ai-chips", ["h200", "hbm"]],
      ["export-controls", ["mofcom"]],
    ]);
  });

  it("holds a topic to its own max_stories and gives the rest to the others", () => {
    const input = sampleInput();
    const topics = input.topics.map((topic) => (topic.id === "ai-chips" ? { ...topic, maxStories: 1 } : topic));
    expect(summaryOf({ ...input, topics, maxStories: 5 })).toEqual([
      ["china-ai-rules", ["waic", "cac-2023"]],
      ["ai-chips", ["h200"]],
      ["export-controls", ["mofcom", "us-rule"]],
    ]);
  });

  it("breaks a tie between topics by the configured order", () => {
    const item = storedItem({
      sourceId: "s", id: "1", clusterId: "tie", title: "Tie", url: null, publishedAt: "2026-01-14T00:00:00.000Z", summary: "",
      matches: [{ topicId: "export-controls", score: 5, terms: ["export controls"] }, { topicId: "ai-chips", score: 5, terms: ["AI chips"] }],
    });
    expect(summaryOf({ ...sampleInput(), items: [item], clusterItems: [] })).toEqual([["ai-chips", ["tie"]]]);
  });

  it.each([
    ["javascript:alert(1)", "https://example.org/fallback", "https://example.org/fallback"],
    ["data:text/html,x", null, null],
    [null, "https://example.org/link", "https://example.org/link"],
    ["not a url", null, null],
  ])("keeps only an http(s) link: url %s, link %s", (url, link, expected) => {
    const item = { ...storedItem({ sourceId: "s", id: "1", clusterId: "x", title: "T", url, publishedAt: "2026-01-14T00:00:00.000Z", summary: "", matches: [{ topicId: "ai-chips", score: 1, terms: ["H200"] }] }), link };
    expect(buildDigest({ ...sampleInput(), items: [item], clusterItems: [] }).sections[0]?.stories[0]?.url).toBe(expected);
  });

  it("names the outlet by its id when the config gives no name, and counts an outlet once", () => {
    const input = sampleInput();
    const extra = storedItem({ sourceId: "chip-daily", id: "again", clusterId: "h200", title: "Again", url: null, publishedAt: "2026-01-14T13:00:00.000Z", summary: "", matches: [] });
    const digest = buildDigest({ ...input, sources: [], clusterItems: [...input.clusterItems, extra] });
    expect(digest.sections[1]?.stories[0]).toMatchObject({ outlet: "policy-wire", otherOutlets: ["chip-daily", "zh-tech"] });
  });

  it("is empty, with a since, for an empty window", () => {
    expect(buildDigest({ ...sampleInput(), items: [], clusterItems: [] })).toMatchObject({
      storyCount: 0,
      sections: [],
      since: "2026-01-14T01:00:00.000Z",
      footer: { search: "/brief search <words> since:7d", watch: '/brief watch "<phrase>"' },
    });
  });
});

describe("excerptOf", () => {
  it.each([
    ["short stays whole", "Short summary.", 40, "Short summary."],
    ["cuts at a space", "Beijing has approved purchases of more than 400,000 chips", 30, "Beijing has approved…"],
    ["collapses whitespace", "a\n\n b\t c", 40, "a b c"],
    ["cuts Chinese between characters", "国务院总理李强在上海开幕的世界人工智能大会上提出", 10, "国务院总理李强在上…"],
    ["never splits an emoji", "😀😀😀😀😀😀", 5, "😀😀…"],
  ])("%s", (_name, summary, max, expected) => {
    expect(excerptOf(summary, max)).toBe(expected);
  });
});

describe("footerFor", () => {
  it("quotes a phrase for search and prefers a phrase for watch", () => {
    const story = { score: 1, publishedAt: "2026-01-14T00:00:00Z", matchedTerms: ['generative "AI"', "CAC"] } as never;
    expect(footerFor([{ topicId: "t", topicName: "T", stories: [story] }], new Date("2026-01-15T00:00:00Z"), "/news")).toEqual({
      search: '/news search "generative AI" since:7d',
      watch: '/news watch "CAC"',
    });
  });
});
