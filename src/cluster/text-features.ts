import { englishStopwords } from "./english-stopwords.js";
import { textRuns } from "./normalise-text.js";

/**
 * The set a story is compared by: content words of title and summary (stop words out, endings
 * stripped) and character bigrams of CJK runs. Words, not word pairs: two outlets rarely share
 * phrasing, but they share names, numbers and key verbs. Title words are added a second time,
 * tagged, because a headline says what the story is about more surely than a summary sentence.
 */
export function textFeatures(title: string, summary: string): string[] {
  const features = new Set<string>();
  addFeatures(features, title, "^");
  addFeatures(features, summary, null);
  return [...features];
}

function addFeatures(into: Set<string>, text: string, titleTag: string | null): void {
  for (const run of textRuns(text)) {
    const terms = run.cjk ? cjkBigrams(run.text) : latinTerm(run.text);
    for (const term of terms) {
      into.add(term);
      if (titleTag !== null) into.add(titleTag + term);
    }
  }
}

function latinTerm(word: string): string[] {
  if (englishStopwords.has(word)) return [];
  return [stem(word)];
}

/**
 * A crude suffix stripper: plural first, then one derivational or inflectional ending, keeping a
 * stem of four letters or more. It meets "restricts"/"restriction"/"restricted" and
 * "regulator"/"regulated"; the odd wrong merge of two words costs little in a bag of forty.
 */
function stem(word: string): string {
  let w = word;
  if (w.length > 4 && w.endsWith("ies")) w = `${w.slice(0, -3)}y`;
  else if (w.length > 3 && w.endsWith("s") && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  for (const suffix of SUFFIXES) {
    if (w.length - suffix.length >= 4 && w.endsWith(suffix)) return w.slice(0, -suffix.length);
  }
  return w;
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
