/** Pairwise clustering quality: over pairs of items, how often "same story" agrees with the truth. */
export interface PairwiseScores {
  precision: number;
  recall: number;
  f1: number;
  /** Pairs the truth puts together, predicted pairs scored, and pairs in both. */
  truePairs: number;
  predictedPairs: number;
  correctPairs: number;
}

/**
 * `predicted[i]` and `gold[i]` are the cluster labels of item i. With `tolerated`, pairs that
 * share a tolerated label but not a gold one are left out of the score either way (for example
 * two languages' reports of one event: merging them is not wrong, keeping them apart is not
 * either). Counts pairs through label tables, so it costs O(n), not O(n²).
 */
export function pairwiseScores(
  predicted: readonly string[],
  gold: readonly string[],
  tolerated: readonly string[] = gold,
): PairwiseScores {
  if (predicted.length !== gold.length || tolerated.length !== gold.length) {
    throw new RangeError("label lists differ in length");
  }
  const pairs = (...labels: ReadonlyArray<readonly string[]>) => {
    const counts = new Map<string, number>();
    for (let i = 0; i < gold.length; i++) {
      const key = JSON.stringify(labels.map((list) => list[i]));
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return [...counts.values()].reduce((sum, n) => sum + (n * (n - 1)) / 2, 0);
  };
  const correctPairs = pairs(predicted, gold);
  const toleratedPairs = pairs(predicted, tolerated) - pairs(predicted, tolerated, gold);
  const predictedPairs = pairs(predicted) - toleratedPairs;
  const truePairs = pairs(gold);
  const precision = predictedPairs === 0 ? 1 : correctPairs / predictedPairs;
  const recall = truePairs === 0 ? 1 : correctPairs / truePairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, truePairs, predictedPairs, correctPairs };
}
