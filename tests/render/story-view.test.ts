import { describe, expect, it } from "vitest";
import type { DigestStory } from "../../src/domain/digest.js";
import { renderExplain } from "../../src/render/index.js";
import { storyView } from "../../src/render/story-view.js";
import { sampleDigest } from "../fixtures/render/load-sample.js";

const digest = { generatedAt: "2026-01-15T01:00:00.000Z", timeZone: "UTC" };
const story = (overrides: Partial<DigestStory>): DigestStory => ({
  clusterId: "c",
  title: "A story",
  url: null,
  sourceId: "wire",
  outlet: "Wire",
  otherOutlets: [],
  publishedAt: "2026-01-15T00:48:00.000Z",
  matchedTerms: ["H200"],
  excerpt: "",
  score: 1,
  ...overrides,
});

describe("storyView", () => {
  it.each([
    ["a dated story shows its age", {}, "12 min ago"],
    ["an undated one says when it was first seen", { dateMissing: true }, "first seen 12 min ago"],
  ])("%s", (_name, overrides, age) => {
    expect(storyView(story(overrides), digest).age).toBe(age);
  });

  it("never shows a source: scope as a reason the story matched", () => {
    expect(storyView(story({ matchedTerms: ["source:rp-uolnoticias", "Ukraine"] }), digest).matched).toBe("matched: Ukraine");
    expect(storyView(story({ matchedTerms: ["source:bbc-world"] }), digest).matched).toBe("");
  });
});

describe("renderExplain", () => {
  it("shows every part of every story's score, topic by topic", () => {
    const text = renderExplain(sampleDigest());
    expect(text).toMatch(/^Ranking within each topic: score = quality × \(1 \+ log2 outlets\) × freshness × source weight/);
    expect(text).toContain("## AI chips\n1. China clears ByteDance, Alibaba and Tencent to buy Nvidia's H200\n   1.677 = quality 1.000 × outlets 2.585 (3) × freshness 0.649 (newest 13 h ago) × weight 1");
  });
});
