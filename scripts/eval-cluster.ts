/**
 * Pairwise precision, recall and F1 of story clustering on the labelled set.
 *   npm run eval:cluster                 the default settings
 *   npm run eval:cluster -- --sweep      a threshold sweep, to choose from
 *   npm run eval:cluster -- --errors     the stories it merged or split wrongly
 *   npm run eval:cluster -- --threshold 0.1 --same-source 2 --max-per-key 8 [file.jsonl]
 */
import { parseArgs } from "node:util";
import { clusterItems, type ClustererOptions } from "../src/cluster/index.js";
import { pairwiseScores } from "../src/cluster/pairwise-scores.js";
import { goldCluster, labelledSetPath, loadLabelledSet, type LabelledItem } from "../tests/fixtures/cluster/labelled-set.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    sweep: { type: "boolean", default: false },
    errors: { type: "boolean", default: false },
    threshold: { type: "string" },
    "same-source": { type: "string" },
    "signature-size": { type: "string" },
    "band-rows": { type: "string" },
    "max-per-key": { type: "string" },
  },
});

const items = loadLabelledSet(positionals[0] ?? labelledSetPath);
const base: Omit<ClustererOptions, "index"> = {
  ...(values.threshold ? { threshold: Number(values.threshold) } : {}),
  ...(values["same-source"] ? { sameSourceFactor: Number(values["same-source"]) } : {}),
  ...(values["signature-size"] ? { signatureSize: Number(values["signature-size"]) } : {}),
  ...(values["band-rows"] ? { bandRows: Number(values["band-rows"]) } : {}),
  ...(values["max-per-key"] ? { maxPerKey: Number(values["max-per-key"]) } : {}),
};

/**
 * The same items with every event moved into one 48-hour stretch (offsets within an event kept):
 * 111 stories in two days is a busy beat, and every look-alike now competes inside the window.
 */
function packed(list: LabelledItem[]): LabelledItem[] {
  const firstOf = new Map<string, number>();
  for (const item of list) firstOf.set(item.event, Math.min(firstOf.get(item.event) ?? Infinity, Date.parse(item.publishedAt)));
  const base = Date.parse("2026-03-02T00:00:00Z");
  const slot = (event: string) => ([...event].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7) % 48) * 3_600_000;
  return list.map((item) => ({
    ...item,
    publishedAt: new Date(base + slot(item.event) + Date.parse(item.publishedAt) - firstOf.get(item.event)!).toISOString(),
  }));
}

async function score(options: Omit<ClustererOptions, "index">, list = items) {
  const predicted = (await clusterItems(list, options)).map((result) => result.cluster);
  const events = items.map((item) => goldCluster(item, true));
  const byLanguage = pairwiseScores(predicted, items.map((item) => goldCluster(item)), events);
  const strict = pairwiseScores(predicted, events);
  return { predicted, byLanguage, strict };
}

const fmt = (n: number) => n.toFixed(3);
console.log(`labelled set: ${items.length} items, ${new Set(items.map((item) => item.event)).size} events\n`);

if (values.sweep) {
  console.log("| threshold | same-source | precision | recall | F1 | packed P | packed R | packed F1 |");
  console.log("|---|---|---|---|---|---|---|---|");
  for (const sameSourceFactor of [1, 2, 3]) {
    for (let t = 0.04; t <= 0.1401; t += 0.01) {
      const { byLanguage: s } = await score({ ...base, threshold: t, sameSourceFactor });
      const { byLanguage: p } = await score({ ...base, threshold: t, sameSourceFactor }, packed(items));
      console.log(
        `| ${t.toFixed(2)} | ${sameSourceFactor} | ${fmt(s.precision)} | ${fmt(s.recall)} | ${fmt(s.f1)} | ` +
          `${fmt(p.precision)} | ${fmt(p.recall)} | ${fmt(p.f1)} |`,
      );
    }
  }
} else {
  const { predicted, byLanguage, strict } = await score(base);
  const dense = await score(base, packed(items));
  console.log("| gold clusters | pairs | precision | recall | F1 |");
  console.log("|---|---|---|---|---|");
  console.log(`| event + language, cross-language pairs not scored (target) | ${byLanguage.truePairs} | ${fmt(byLanguage.precision)} | ${fmt(byLanguage.recall)} | ${fmt(byLanguage.f1)} |`);
  console.log(`| same, all events packed into 48 hours | ${dense.byLanguage.truePairs} | ${fmt(dense.byLanguage.precision)} | ${fmt(dense.byLanguage.recall)} | ${fmt(dense.byLanguage.f1)} |`);
  console.log(`| event only (strict) | ${strict.truePairs} | ${fmt(strict.precision)} | ${fmt(strict.recall)} | ${fmt(strict.f1)} |`);
  if (values.errors) printErrors(predicted);
}

function printErrors(predicted: string[]): void {
  const group = (label: (item: LabelledItem, i: number) => string) => {
    const groups = new Map<string, number[]>();
    items.forEach((item, i) => groups.set(label(item, i), [...(groups.get(label(item, i)) ?? []), i]));
    return groups;
  };
  const line = (i: number) => `    ${goldCluster(items[i]!).padEnd(44)} ${items[i]!.title.slice(0, 70)}`;
  for (const members of group((_, i) => predicted[i]!).values()) {
    if (new Set(members.map((i) => goldCluster(items[i]!))).size > 1) console.log(`\nmerged:\n${members.map(line).join("\n")}`);
  }
  for (const [gold, members] of group((item) => goldCluster(item))) {
    if (new Set(members.map((i) => predicted[i])).size > 1) console.log(`\nsplit ${gold}:\n${members.map((i) => `${line(i)}  -> ${predicted[i]!.slice(0, 40)}`).join("\n")}`);
  }
}
