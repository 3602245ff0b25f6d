import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Digest } from "../../src/domain/digest.js";
import { firstDigestOf } from "../fixtures/digest/digest-of-config.js";
import { HISTORY } from "../fixtures/digest/fifty-feed-stories.js";
import { FIFTY_FEEDS_NOW, writeFiftyFeeds } from "../fixtures/digest/fifty-feeds.js";

let digest: Digest;
beforeAll(async () => {
  digest = await firstDigestOf(writeFiftyFeeds(mkdtempSync(path.join(tmpdir(), "fifty-feeds-"))), FIFTY_FEEDS_NOW);
}, 60_000);

const stories = () => digest.sections.flatMap((section) => section.stories);

describe("the first digest of fifty feeds and five topics", () => {
  it("represents every topic, the widest query holding no more than its share", () => {
    expect(digest.sections.map((section) => section.topicId)).toEqual(["ukraine", "technology", "markets", "covid", "space"]);
    expect(digest.storyCount).toBe(12);
    for (const section of digest.sections) expect(section.stories.length).toBeLessThanOrEqual(4);
  });

  it("leads each topic with the story the most outlets carry", () => {
    const leads = digest.sections.map((section) => section.stories[0]!);
    for (const [index, section] of digest.sections.entries()) {
      for (const story of section.stories) expect(story.rank!.outlets).toBeLessThanOrEqual(leads[index]!.rank!.outlets);
    }
    expect(leads[0]!.rank!.outlets).toBe(9);
  });

  it("holds only the look-back window: nothing from the feeds' years of history", () => {
    const history = new Set(HISTORY.flatMap((story) => story.headlines));
    expect(stories().filter((story) => history.has(story.title))).toEqual([]);
    const oldest = Date.parse(FIFTY_FEEDS_NOW) - 24 * 3_600_000;
    for (const story of stories()) expect(Date.parse(story.publishedAt)).toBeGreaterThanOrEqual(oldest);
  });

  it("leads a story with a dated item over an undated one, and dates its freshness by the dated one", () => {
    const nasa = stories().find((story) => story.title.startsWith("NASA picks crew"))!;
    expect(nasa.dateMissing).toBeUndefined();
    expect(nasa.rank!.newestAt).toBe(new Date(Date.parse(FIFTY_FEEDS_NOW) - 14 * 3_600_000).toISOString());
  });

  it("names outlets by their feeds' titles and teaches a search that finds the lead story", () => {
    expect(stories()[0]!.outlet).toMatch(/^[A-Z][a-z]+ (Herald|Chronicle|Times|Post|Observer)$/);
    expect(digest.footer?.search).toMatch(/^\/brief search \S+ since:7d$/);
  });
});
