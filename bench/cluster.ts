/**
 * Clusters 100,000 synthetic items one at a time with the in-memory index and prints items/s and
 * peak memory, and how well the stories match the generator's events. The stream imitates a busy
 * beat: 60 days, a Zipf head of common words (the commonest in ~60% of items; "China" is in half
 * the labelled set), events told by 1 to 12 outlets within hours, 3% of items repeated under a
 * tracking URL.
 * Beside it, BCubed quality on the labelled sets (in-repo and, where ../shared is present,
 * news-stories), so speed is never read apart from quality.
 *   npm run bench:cluster [-- --items 100000 --threshold 0.15 --shared-terms 3 --max-per-key 16 --same-source 2]
 */
import { parseArgs } from "node:util";
import { bcubedScores, clusterItems, createClusterer, createMemoryClusterIndex, type ClusterIndex } from "../src/cluster/index.js";
import { pairwiseScores } from "../src/cluster/pairwise-scores.js";
import type { FeedItem } from "../src/domain/item.js";
import { goldCluster, loadLabelledSet } from "../tests/fixtures/cluster/labelled-set.js";
import { hasNewsStories, loadNewsStories, newsStoriesDir } from "../tests/fixtures/cluster/news-stories.js";
import { seededRandom } from "./seeded-random.js";

const { values } = parseArgs({
  options: {
    items: { type: "string", default: "100000" },
    "shared-terms": { type: "string" },
    "max-per-key": { type: "string" },
    "same-source": { type: "string" },
    threshold: { type: "string" },
  },
});

const HOUR = 3_600_000;
const DAYS = 60;
const VOCABULARY = 30_000;


const random = seededRandom(20260128);

const SYLLABLES = ["ka", "lo", "mi", "ten", "ru", "sa", "vo", "pel", "di", "nor", "qui", "bex", "tha", "zu", "gan", "fi"];
const words = Array.from({ length: VOCABULARY }, (_, rank) => {
  let word = "";
  for (let n = rank + 1; n > 0; n = Math.floor(n / SYLLABLES.length)) word += SYLLABLES[n % SYLLABLES.length];
  return `${word}x`;
});
// Generic words: 45% from a 300-word head, Zipf-distributed (the beat's "China", "AI", "chip"),
// the rest uniform over the long tail. Measured on a sample: 26 features per item (labelled set:
// 27), mean Jaccard of unrelated items 0.019, of one event's reports 0.13 (median).
const HEAD = 300;
const HEAD_SHARE = 0.45;
const cumulative = new Float64Array(HEAD);
for (let i = 0, sum = 0; i < HEAD; i++) cumulative[i] = sum += 1 / (i + 1);
function genericWord(): string {
  if (random() >= HEAD_SHARE) return words[HEAD + Math.floor(random() * (VOCABULARY - HEAD))]!;
  const target = random() * cumulative[HEAD - 1]!;
  let lo = 0;
  let hi = HEAD - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return words[lo]!;
}

function sentence(core: string[], coreCount: number, generic: number): string {
  const chosen = [...core].sort(() => random() - 0.5).slice(0, coreCount);
  const all = [...chosen, ...Array.from({ length: generic }, genericWord)].sort(() => random() - 0.5);
  return all.join(" ");
}

function makeItems(total: number): Array<FeedItem & { key: string }> {
  const items: Array<FeedItem & { key: string }> = [];
  const start = Date.parse("2025-01-01T00:00:00Z");
  for (let event = 0; items.length < total; event++) {
    const core = Array.from({ length: 10 }, () => words[HEAD + Math.floor(random() * (VOCABULARY - HEAD))]!);
    const at = start + random() * DAYS * 24 * HOUR;
    const outlets = Math.min(12, 1 + Math.floor(-Math.log(1 - random()) * 1.6));
    for (let o = 0; o < outlets && items.length < total; o++) {
      const sourceId = `outlet${Math.floor(random() * 300)}`;
      const url = `https://www.${sourceId}.example/${event}/${o}`;
      const publishedAt = new Date(at + Math.min(48, -Math.log(1 - random()) * 6) * HOUR).toISOString();
      const item = {
        id: url, key: `${sourceId}:${url}`, sourceId, guid: url, link: url, url, author: null, language: "en",
        title: sentence(core, 3, 4), summary: sentence(core, 5, 9), content: "", publishedAt, dateMissing: false,
      };
      items.push(item);
      if (random() < 0.03 && items.length < total) {
        const copy = `${url}?utm_source=rss&utm_medium=feed`;
        items.push({ ...item, id: copy, key: `${sourceId}:${copy}`, guid: copy, link: copy, url: copy });
      }
    }
  }
  return items.sort((a, b) => a.publishedAt.localeCompare(b.publishedAt));
}

function countingIndex(inner: ClusterIndex, stats: { lookups: number; candidates: number }): ClusterIndex {
  return {
    ...inner,
    async findClusters(keys, from, to, maxPerKey, minKeys) {
      const found = await inner.findClusters(keys, from, to, maxPerKey, minKeys);
      stats.lookups++;
      stats.candidates += found.length;
      return found;
    },
  };
}

const total = Number(values.items);
const items = makeItems(total);
const stats = { lookups: 0, candidates: 0 };
const index = countingIndex(createMemoryClusterIndex(), stats);
const settings = {
  ...(values["shared-terms"] ? { sharedTerms: Number(values["shared-terms"]) } : {}),
  ...(values["max-per-key"] ? { maxPerKey: Number(values["max-per-key"]) } : {}),
  ...(values["same-source"] ? { sameSourceFactor: Number(values["same-source"]) } : {}),
  ...(values.threshold ? { threshold: Number(values.threshold) } : {}),
};
const clusterer = createClusterer({ index, ...settings });

global.gc?.();
let peakRss = process.memoryUsage().rss;
let peakHeap = process.memoryUsage().heapUsed;
const clusters = new Set<string>();
const predicted: string[] = [];
let duplicates = 0;
const began = performance.now();
const cpuBefore = process.cpuUsage();
for (let i = 0; i < items.length; i++) {
  const item = items[i]!;
  const result = await clusterer.assign(item);
  clusters.add(result.clusterId);
  predicted.push(result.clusterId);
  if (result.duplicateOf) duplicates++;
  if (i % 2000 === 0) {
    // What a maintenance job would do: stories that started a window ago (and an hour) can no longer grow.
    await index.prune(Date.parse(item.publishedAt) - 80 * HOUR);
    const memory = process.memoryUsage();
    peakRss = Math.max(peakRss, memory.rss);
    peakHeap = Math.max(peakHeap, memory.heapUsed);
  }
}
const seconds = (performance.now() - began) / 1000;
const cpu = process.cpuUsage(cpuBefore);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

// The generator's events are the truth: how well the clustering holds up at this density.
const quality = pairwiseScores(predicted, items.map((item) => item.url!.split("/")[3]!));
console.log("| items | seconds | CPU seconds | items/s | peak RSS MB | peak heap MB | clusters | duplicates | candidates/lookup | pairwise P / R / F1 |");
console.log("|---|---|---|---|---|---|---|---|---|---|");
console.log(
  `| ${items.length} | ${seconds.toFixed(2)} | ${cpuSeconds.toFixed(2)} | ${Math.round(items.length / seconds)} | ${mb(peakRss)} | ${mb(peakHeap)} | ` +
    `${clusters.size} | ${duplicates} | ${(stats.candidates / Math.max(1, stats.lookups)).toFixed(1)} | ` +
    `${quality.precision.toFixed(3)} / ${quality.recall.toFixed(3)} / ${quality.f1.toFixed(3)} |`,
);

// The same settings on real labelled stories.
const sets: Array<{ name: string; items: Array<FeedItem & { key: string }>; gold: string[] }> = [];
const labelled = loadLabelledSet();
sets.push({ name: "in-repo labelled set", items: labelled, gold: labelled.map((item) => goldCluster(item)) });
if (hasNewsStories()) {
  const news = loadNewsStories();
  sets.push({ name: "news-stories", items: news, gold: news.map((item) => item.story) });
} else console.log(`\nnews-stories skipped: ${newsStoriesDir} not found (../shared is absent)`);
console.log("\n| labelled set | items | BCubed P / R / F1 |");
console.log("|---|---|---|");
for (const set of sets) {
  const scores = bcubedScores((await clusterItems(set.items, settings)).map((result) => result.cluster), set.gold);
  console.log(`| ${set.name} | ${set.items.length} | ${scores.precision.toFixed(3)} / ${scores.recall.toFixed(3)} / ${scores.f1.toFixed(3)} |`);
}
