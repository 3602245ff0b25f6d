/** Han, kana and Hangul: scripts written without spaces, so words cannot be split on whitespace. */
const CJK = "\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}";
const WORD_RUN = /[\p{L}\p{N}]+/gu;
const SCRIPT_RUN = new RegExp(`[${CJK}]+|[^${CJK}]+`, "gu");
const CJK_RUN = new RegExp(`^[${CJK}]`, "u");

/** A run of text in one writing system: Latin-like words, or a spaceless CJK run. */
export interface TextRun {
  text: string;
  cjk: boolean;
}

/**
 * Folds the spellings that mean the same thing: full-width forms (NFKC), case, "H-200" for "H200",
 * "400,000" for "400000", and the English possessive. Then splits into word runs and CJK runs.
 */
export function textRuns(text: string): TextRun[] {
  // NFKC leaves ASCII as it is; most English text need not pay for it.
  const ascii = !/[^\t\n\r\x20-\x7e]/.test(text);
  const folded = (ascii ? text : text.normalize("NFKC"))
    .toLowerCase()
    .replace(/['’]s\b/g, "")
    .replace(/(\p{L})[-‐‑](\d)/gu, "$1$2")
    .replace(/(\d)[,，](?=\d{3}(?!\d))/g, "$1");
  const words = folded.match(WORD_RUN) ?? [];
  // Nothing at or above U+2E80, where the CJK blocks begin: every word is one run, no regex each.
  if (ascii || !/[\u2e80-\uffff]/.test(folded)) return words.map((word) => ({ text: word, cjk: false }));
  const runs: TextRun[] = [];
  for (const word of words) {
    if (!/[\u2e80-\uffff]/.test(word)) runs.push({ text: word, cjk: false });
    else for (const run of word.match(SCRIPT_RUN) ?? []) runs.push({ text: run, cjk: CJK_RUN.test(run) });
  }
  return runs;
}
