/** ln(count + 1) for the small counts most features have: a table read instead of a logarithm. */
const LOG_TABLE = Float64Array.from({ length: 4096 }, (_, count) => Math.log(count + 1));

/**
 * Smoothed inverse document frequency, ln((N + 1) / (df + 1)) + 1: a word in every item weighs 1,
 * a word never seen weighs ln(N + 1) + 1. Until the index has counted many items every word
 * weighs about the same, so a new deployment starts out as plain Jaccard and sharpens as it learns
 * which words its beat repeats ("China", "AI", "chip") and which name one story.
 */
export function idfWeights(counts: readonly number[], documents: number): Float64Array {
  const logAll = Math.log(documents + 1) + 1;
  const weights = new Float64Array(counts.length);
  for (let i = 0; i < counts.length; i++) {
    const count = counts[i]!;
    weights[i] = logAll - (count < LOG_TABLE.length ? LOG_TABLE[count]! : Math.log(count + 1));
  }
  return weights;
}
