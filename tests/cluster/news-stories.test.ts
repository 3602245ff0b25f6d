import { describe, expect, it } from "vitest";
import { bcubedScores } from "../../src/cluster/bcubed-scores.js";
import { clusterItems } from "../../src/cluster/index.js";
import { hasNewsStories, loadNewsStories, newsStoriesDir } from "../fixtures/cluster/news-stories.js";

const present = hasNewsStories();
if (!present) console.warn(`news-stories tests skipped: ${newsStoriesDir} not found (../shared is absent)`);

describe.skipIf(!present)("clustering real headlines (../shared/corpora/news-stories)", () => {
  const items = present ? loadNewsStories() : [];

  it("keeps BCubed precision at 0.90 or above and BCubed F1 at 0.70 or above", async () => {
    const predicted = (await clusterItems(items)).map((result) => result.cluster);
    const scores = bcubedScores(predicted, items.map((item) => item.story));
    expect(scores.precision).toBeGreaterThanOrEqual(0.9);
    expect(scores.f1).toBeGreaterThanOrEqual(0.7);
  });

  it("gives the same stories whatever order the items come in", async () => {
    const sample = items.slice(0, 600);
    const shuffled = [...sample].sort((a, b) => (hash(a.id) - hash(b.id)) || (a.id < b.id ? -1 : 1));
    const inOrder = new Map((await clusterItems(sample)).map((result) => [result.key, result.cluster]));
    const outOfOrder = new Map((await clusterItems(shuffled)).map((result) => [result.key, result.cluster]));
    expect(outOfOrder).toEqual(inOrder);
  });
});

function hash(text: string): number {
  let h = 2166136261;
  for (const char of text) h = Math.imul(h ^ char.charCodeAt(0), 16777619) >>> 0;
  return h;
}
