import type { MatchableItem } from "../src/domain/match.js";

import { seededRandom } from "./seeded-random.js";

const SYLLABLES = "ba be bi bo bu ca ce co da de di do fa fe fi ga ge go ha he hi ka ke ko la le li lo lu ma me mi mo na ne ni no pa pe pi po ra re ri ro sa se si so ta te ti to va ve vi vo za ze zo tra tre tri pro pre str".split(" ");
const DOMAIN = ["H200", "H-200", "CAC", "CAC 40", "export controls", "AI chips", "Nvidia", "cache", "BIS", "policies"];
const CHINESE = ["美国加强出口管制措施", "网信办发布人工智能新规", "英伟达H200芯片获准出口", "市场监管总局"];

/** Distinct pseudo-words in the generated language; news text uses a vocabulary of this order. */
const VOCABULARY_SIZE = 50_000;
/** Watches name specific things: their words come from below this frequency rank. */
const WATCH_MIN_RANK = 1_000;
const DOMAIN_WATCHES = ["H200", '"export controls"', 'CAC -"CAC 40"', "出口管制", "网信办 OR CAC", '"AI chips" Nvidia', "BIS NEAR/5 rules", "title:H200"];

/** VOCABULARY_SIZE distinct pseudo-words; rank 0 is the most frequent in generated text. */
export const VOCABULARY: string[] = (() => {
  const rand = seededRandom(1);
  const words = new Set<string>();
  while (words.size < VOCABULARY_SIZE) {
    const n = 1 + Math.floor(rand() * 4);
    let w = "";
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(rand() * SYLLABLES.length)];
    if (w.length > 2) words.add(w);
  }
  return [...words];
})();

/** A word with Zipf-like frequency: common words often, the long tail rarely. */
function zipfWord(rand: () => number): string {
  const rank = Math.floor(Math.exp(rand() * Math.log(VOCABULARY.length))) - 1;
  return VOCABULARY[rank]!;
}

function sentence(rand: () => number, chars: number): string {
  const words: string[] = [];
  let length = 0;
  while (length < chars) {
    const roll = rand();
    const w = roll < 0.01 ? DOMAIN[Math.floor(rand() * DOMAIN.length)]! : roll < 0.012 ? CHINESE[Math.floor(rand() * CHINESE.length)]! : zipfWord(rand);
    words.push(rand() < 0.05 ? w[0]!.toUpperCase() + w.slice(1) : w);
    length += w.length + 1;
  }
  return words.join(" ") + ".";
}

export function generateItems(count: number, seed: number): MatchableItem[] {
  const rand = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => ({
    title: sentence(rand, 60),
    summary: sentence(rand, 150),
    content: sentence(rand, 390),
    sourceId: `source-${i % 20}`,
    publishedAt: new Date(Date.UTC(2026, 0, 15) - (i % 72) * 3_600_000).toISOString(),
  }));
}

/** Watch-like queries: mostly one or two specific words, some phrases, ORs, NOTs and NEARs. */
export function generateQueries(count: number, seed: number): Array<{ id: string; query: string }> {
  const rand = seededRandom(seed);
  const pick = () => VOCABULARY[WATCH_MIN_RANK + Math.floor(rand() * (VOCABULARY.length - WATCH_MIN_RANK))]!;
  return Array.from({ length: count }, (_, i) => {
    const roll = rand();
    const query =
      i < DOMAIN_WATCHES.length && count >= 100 ? DOMAIN_WATCHES[i]!
      : roll < 0.4 ? pick()
      : roll < 0.6 ? `"${pick()} ${pick()}"`
      : roll < 0.8 ? `${pick()} ${pick()}`
      : roll < 0.9 ? `${pick()} OR ${pick()}`
      : roll < 0.95 ? `${pick()} -${pick()}`
      : `${pick()} NEAR/5 ${pick()}`;
    return { id: `watch:${i}`, query };
  });
}
