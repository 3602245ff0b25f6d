import { englishStopwords } from "./english-stopwords.js";
import { fnv1a32 } from "./hash32.js";
import type { TextRun } from "./normalise-text.js";

/** An item's distinct terms as sorted 32-bit hashes, and whether each is in the title. */
export interface TextFeatures {
  features: Uint32Array;
  /** 1 where the term is in the title, 0 where it is only in the summary. */
  inTitle: Uint8Array;
}

/**
 * The terms a story is compared by: content words of title and summary (stop words out, endings
 * stripped) and character bigrams of CJK runs. Words, not word pairs: two outlets rarely share
 * phrasing, but they share names, numbers and key verbs. Each term once; `inTitle` lets the caller
 * weigh a headline's terms above a summary's, since a headline says what the story is about more
 * surely than a summary sentence.
 */
export function featureHashes(title: readonly TextRun[], summary: readonly TextRun[]): TextFeatures {
  const titled = new Set<number>();
  addTerms(title, (term) => titled.add(fnv1a32(term)));
  const all = new Set<number>(titled);
  addTerms(summary, (term) => all.add(fnv1a32(term)));
  const features = Uint32Array.from(all).sort();
  const inTitle = new Uint8Array(features.length);
  for (let i = 0; i < features.length; i++) inTitle[i] = titled.has(features[i]!) ? 1 : 0;
  return { features, inTitle };
}

function addTerms(runs: readonly TextRun[], add: (term: string) => void): void {
  for (const run of runs) {
    if (run.cjk) for (const gram of cjkBigrams(run.text)) add(gram);
    else if (!englishStopwords.has(run.text)) add(stem(run.text));
  }
}

/**
 * A crude suffix stripper: plural first, then one derivational or inflectional ending, keeping a
 * stem of four letters or more. It meets "restricts"/"restriction"/"restricted" and
 * "regulator"/"regulated"; the odd wrong merge of two words costs little in a bag of forty.
 */
function stem(word: string): string {
  let w = word;
  if (w.length > 4 && w.endsWith("ies")) w = `${w.slice(0, -3)}y`;
  else if (w.length > 3 && w.endsWith("s") && !keepsFinalS(w)) w = w.slice(0, -1);
  for (const suffix of SUFFIXES) {
    if (w.length - suffix.length >= 4 && w.endsWith(suffix)) return w.slice(0, -suffix.length);
  }
  return w;
}

/** "-ss", "-us", "-is": not plurals (press, virus, crisis). */
function keepsFinalS(word: string): boolean {
  const before = word[word.length - 2];
  return before === "s" || before === "u" || before === "i";
}

const SUFFIXES = ["ation", "ions", "ion", "ing", "ed", "er", "or", "ory", "al", "ly", "ment", "e"];

/** Overlapping character pairs; a lone character stands for itself. */
function cjkBigrams(run: string): string[] {
  const chars = [...run];
  if (chars.length === 1) return chars;
  const grams: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) grams.push(chars[i]! + chars[i + 1]!);
  return grams;
}
