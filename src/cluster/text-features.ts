import { englishStopwords } from "./english-stopwords.js";
import { fnv1a32, fnvState } from "./hash32.js";
import type { TextRun } from "./normalise-text.js";

/** Title terms are counted a second time under this prefix. */
const TITLE_SEED = fnvState("^");

/**
 * The set a story is compared by, as sorted distinct 32-bit hashes: content words of title and
 * summary (stop words out, endings stripped) and character bigrams of CJK runs. Words, not word
 * pairs: two outlets rarely share phrasing, but they share names, numbers and key verbs. Title
 * words are added a second time, tagged, because a headline says what the story is about more
 * surely than a summary sentence.
 */
export function featureHashes(title: readonly TextRun[], summary: readonly TextRun[]): Uint32Array {
  const hashes: number[] = [];
  addTerms(title, (term) => hashes.push(fnv1a32(term), fnv1a32(term, TITLE_SEED)));
  addTerms(summary, (term) => hashes.push(fnv1a32(term)));
  return sortedDistinct(hashes);
}

function addTerms(runs: readonly TextRun[], add: (term: string) => void): void {
  for (const run of runs) {
    if (run.cjk) for (const gram of cjkBigrams(run.text)) add(gram);
    else if (!englishStopwords.has(run.text)) add(stem(run.text));
  }
}

function sortedDistinct(values: number[]): Uint32Array {
  const sorted = new Uint32Array(values.length);
  for (let i = 0; i < values.length; i++) sorted[i] = values[i]!;
  sorted.sort();
  let n = 0;
  for (let i = 0; i < sorted.length; i++) if (n === 0 || sorted[i] !== sorted[n - 1]) sorted[n++] = sorted[i]!;
  return sorted.subarray(0, n);
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
