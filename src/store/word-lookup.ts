/** The words of a term as both stores' word indexes split them: runs of letters and digits. */
export function indexWords(term: string): string[] {
  return term.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/**
 * The stem a Latin word is looked up by as a prefix (`controls` → `control`), so the index finds the
 * singular and plural forms the query language treats as one; null for short tokens and model
 * numbers, looked up exactly, since a prefix like `h` scans half the index.
 */
export function prefixStem(word: string): string | null {
  return /^[a-z]{4,}$/i.test(word) ? word.replace(/(?:ies|es|s|y)$/i, "") : null;
}
