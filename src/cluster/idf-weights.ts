/**
 * Smoothed inverse document frequency, ln((N + 1) / (df + 1)) + 1: a word in every item weighs 1,
 * a word never seen weighs ln(N + 1) + 1. Until the index has counted many items every word
 * weighs about the same, so a new deployment starts out as plain Jaccard and sharpens as it learns
 * which words its beat repeats ("China", "AI", "chip") and which name one story.
 */
export function idfWeights(counts: readonly number[], documents: number): Float64Array {
  return Float64Array.from(counts, (count) => Math.log((documents + 1) / (count + 1)) + 1);
}
