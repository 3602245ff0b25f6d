/** BCubed clustering quality, averaged over items. */
export interface BcubedScores {
  /** Per item, the share of its predicted cluster that shares its gold cluster. */
  precision: number;
  /** Per item, the share of its gold cluster found in its predicted cluster. */
  recall: number;
  f1: number;
}

/**
 * `predicted[i]` and `gold[i]` are the cluster labels of item i. Unlike pairwise scores, BCubed
 * weighs every item alike, so one huge story cannot hide what happens to the small ones.
 */
export function bcubedScores(predicted: readonly string[], gold: readonly string[]): BcubedScores {
  if (predicted.length !== gold.length) throw new RangeError("label lists differ in length");
  if (gold.length === 0) return { precision: 1, recall: 1, f1: 1 };
  const count = (labels: Iterable<string>) => {
    const counts = new Map<string, number>();
    for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
    return counts;
  };
  const both = (i: number) => JSON.stringify([predicted[i], gold[i]]);
  const inPredicted = count(predicted);
  const inGold = count(gold);
  const inBoth = count(gold.map((_, i) => both(i)));
  let precision = 0;
  let recall = 0;
  for (let i = 0; i < gold.length; i++) {
    const shared = inBoth.get(both(i))!;
    precision += shared / inPredicted.get(predicted[i]!)!;
    recall += shared / inGold.get(gold[i]!)!;
  }
  precision /= gold.length;
  recall /= gold.length;
  return { precision, recall, f1: (2 * precision * recall) / (precision + recall) };
}
