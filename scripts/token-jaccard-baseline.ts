import { englishStopwords } from "../src/cluster/english-stopwords.js";
import { textRuns } from "../src/cluster/normalise-text.js";

/**
 * The reference point of the news-stories README: each item's set of lower-cased words (stop
 * words out), linked to every item within `windowHours` whose set has Jaccard similarity ≥
 * `threshold`, stories being the connected groups (single link). O(n²): for evaluation only.
 */
export function tokenJaccardBaseline(
  items: ReadonlyArray<{ title: string; publishedAt: string }>,
  { threshold = 0.3, windowHours = 72 } = {},
): string[] {
  const sets = items.map((item) => new Set(textRuns(item.title).map((run) => run.text).filter((word) => !englishStopwords.has(word))));
  const times = items.map((item) => Date.parse(item.publishedAt));
  const parent = items.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  for (let i = 0; i < items.length; i++) {
    for (let j = 0; j < i; j++) {
      if (Math.abs(times[i]! - times[j]!) > windowHours * 3_600_000) continue;
      const a = sets[i]!;
      const b = sets[j]!;
      let shared = 0;
      for (const word of a) if (b.has(word)) shared++;
      const all = a.size + b.size - shared;
      if (all > 0 && shared / all >= threshold) parent[root(i)] = root(j);
    }
  }
  return items.map((_, i) => String(root(i)));
}
