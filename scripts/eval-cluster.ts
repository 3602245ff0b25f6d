/**
 * Scores story clustering on every labelled set it knows, beside a token-Jaccard baseline run on
 * the same items: the set in tests/fixtures/cluster and ../shared/corpora/news-stories (real
 * headlines; skipped with a note when ../shared is absent).
 *   npm run eval:cluster                      one table, default settings
 *   npm run eval:cluster -- --robust          also halves of each set and other input orders
 *   npm run eval:cluster -- --errors          the clusters that mix stories, per set
 *   npm run eval:cluster -- --threshold 0.2 --shared-terms 2 --max-per-key 8 --same-source 1
 */
import { parseArgs } from "node:util";
import { bcubedScores } from "../src/cluster/bcubed-scores.js";
import { clusterItems, type ClustererOptions } from "../src/cluster/index.js";
import { pairwiseScores } from "../src/cluster/pairwise-scores.js";
import type { FeedItem } from "../src/domain/item.js";
import { goldCluster, loadLabelledSet } from "../tests/fixtures/cluster/labelled-set.js";
import { hasNewsStories, loadNewsStories, newsStoriesDir } from "../tests/fixtures/cluster/news-stories.js";
import { tokenJaccardBaseline } from "./token-jaccard-baseline.js";

const { values } = parseArgs({
  options: {
    robust: { type: "boolean", default: false },
    errors: { type: "boolean", default: false },
    threshold: { type: "string" },
    "shared-terms": { type: "string" },
    "max-per-key": { type: "string" },
    "same-source": { type: "string" },
  },
});
const options: Omit<ClustererOptions, "index"> = {
  ...(values.threshold ? { threshold: Number(values.threshold) } : {}),
  ...(values["shared-terms"] ? { sharedTerms: Number(values["shared-terms"]) } : {}),
  ...(values["max-per-key"] ? { maxPerKey: Number(values["max-per-key"]) } : {}),
  ...(values["same-source"] ? { sameSourceFactor: Number(values["same-source"]) } : {}),
};

/** A labelled set: items, their gold stories, and (for pairs) stories whose merge is tolerated. */
interface LabelledSet {
  name: string;
  items: Array<FeedItem & { key: string }>;
  gold: string[];
  tolerated: string[];
}

const sets: LabelledSet[] = [];
const repo = loadLabelledSet();
sets.push({ name: "in-repo (summaries, en+zh)", items: repo, gold: repo.map((item) => goldCluster(item)), tolerated: repo.map((item) => goldCluster(item, true)) });
if (hasNewsStories()) {
  const news = loadNewsStories();
  sets.push({ name: "news-stories (real headlines)", items: news, gold: news.map((item) => item.story), tolerated: news.map((item) => item.story) });
} else {
  console.log(`news-stories skipped: ${newsStoriesDir} not found (../shared is absent)\n`);
}

function subset(set: LabelledSet, name: string, keep: (index: number) => boolean): LabelledSet {
  const kept = set.items.map((_, i) => i).filter(keep);
  return { name: `${set.name}, ${name}`, items: kept.map((i) => set.items[i]!), gold: kept.map((i) => set.gold[i]!), tolerated: kept.map((i) => set.tolerated[i]!) };
}

/** The same items published in the opposite order (times mirrored): a story now grows from its last report. */
function mirrored(set: LabelledSet): LabelledSet {
  const times = set.items.map((item) => Date.parse(item.publishedAt));
  const sum = Math.min(...times) + Math.max(...times);
  return { ...set, name: `${set.name}, time reversed`, items: set.items.map((item, i) => ({ ...item, publishedAt: new Date(sum - times[i]!).toISOString() })) };
}

function byTime(set: LabelledSet): number[] {
  return set.items.map((_, i) => i).sort((a, b) => Date.parse(set.items[a]!.publishedAt) - Date.parse(set.items[b]!.publishedAt));
}

const fmt = (n: number) => n.toFixed(3);
const row = (set: LabelledSet, method: string, predicted: string[]) => {
  const b = bcubedScores(predicted, set.gold);
  const p = pairwiseScores(predicted, set.gold, set.tolerated);
  const stories = new Set(predicted).size;
  return `| ${set.name} | ${set.items.length} / ${new Set(set.gold).size} | ${method} | ${stories} | ${fmt(b.precision)} | ${fmt(b.recall)} | ${fmt(b.f1)} | ${fmt(p.precision)} | ${fmt(p.recall)} | ${fmt(p.f1)} |`;
};

const runs: LabelledSet[] = [];
for (const set of sets) {
  runs.push(set);
  if (!values.robust) continue;
  const order = byTime(set);
  const firstHalf = new Set(order.slice(0, order.length >> 1));
  runs.push(subset(set, "first half by time", (i) => firstHalf.has(i)), subset(set, "second half by time", (i) => !firstHalf.has(i)));
  runs.push(subset(set, "even items", (i) => i % 2 === 0), subset(set, "odd items", (i) => i % 2 === 1), mirrored(set));
}

console.log("| set | items / stories | method | clusters | BCubed P | BCubed R | BCubed F1 | pairwise P | pairwise R | pairwise F1 |");
console.log("|---|---|---|---|---|---|---|---|---|---|");
for (const set of runs) {
  const predicted = (await clusterItems(set.items, options)).map((result) => result.cluster);
  console.log(row(set, "briefing cluster", predicted));
  console.log(row(set, "token Jaccard ≥ 0.3, single link", tokenJaccardBaseline(set.items)));
  if (values.errors && sets.includes(set)) printMixed(set, predicted);
}

function printMixed(set: LabelledSet, predicted: string[]): void {
  const groups = new Map<string, number[]>();
  predicted.forEach((cluster, i) => groups.set(cluster, [...(groups.get(cluster) ?? []), i]));
  for (const members of groups.values()) {
    if (new Set(members.map((i) => set.gold[i])).size < 2) continue;
    console.log(`\nmixed:\n${members.map((i) => `    ${set.gold[i]!.slice(0, 10)} ${set.items[i]!.title.slice(0, 90)}`).join("\n")}`);
  }
}
