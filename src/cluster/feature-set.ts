// Feature sets are sorted, distinct 32-bit hashes: compact to store, linear to compare.

/**
 * Weighted Jaccard similarity of an item (`a`, with a weight per feature and their total) and a
 * profile (`b`, with its total weight): shared weight over the weight of the union. With `atLeast`, gives up
 * and answers 0 once the rest of `a` could no longer lift the score that high: most candidates
 * an LSH lookup returns are near misses, and this is the loop they spend their time in.
 */
export function weightedJaccard(
  a: Uint32Array,
  aWeights: Float64Array,
  aWeight: number,
  b: Uint32Array,
  bWeight: number,
  atLeast = 0,
): number {
  if (aWeight + bWeight <= 0) return 0;
  // shared / (wA + wB - shared) >= t  <=>  shared >= t (wA + wB) / (1 + t)
  const needed = (atLeast * (aWeight + bWeight)) / (1 + atLeast);
  let remaining = aWeight;
  let shared = 0;
  let j = 0;
  for (let i = 0; i < a.length && j < b.length; i++) {
    if (shared + remaining < needed) return 0;
    const x = a[i]!;
    // Profiles are several times longer than an item: gallop through b rather than walk it.
    if (b[j]! < x) {
      let step = 1;
      while (j + step < b.length && b[j + step]! < x) step *= 2;
      let lo = j + (step >> 1);
      let hi = Math.min(j + step, b.length);
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (b[mid]! < x) lo = mid + 1;
        else hi = mid;
      }
      j = lo;
    }
    if (j < b.length && b[j] === x) shared += aWeights[i]!;
    remaining -= aWeights[i]!;
  }
  return shared / (aWeight + bWeight - shared);
}

/** The union of two sorted hash sets, sorted. */
export function union(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]! < b[j]!)) out[n++] = a[i++]!;
    else if (i >= a.length || b[j]! < a[i]!) out[n++] = b[j++]!;
    else {
      out[n++] = a[i++]!;
      j++;
    }
  }
  return out.slice(0, n);
}

/** Total of the weights of `a`'s features that `b` lacks. */
export function weightNotIn(a: Uint32Array, aWeights: Float64Array, b: Uint32Array): number {
  let total = 0;
  let j = 0;
  for (let i = 0; i < a.length; i++) {
    while (j < b.length && b[j]! < a[i]!) j++;
    if (j >= b.length || b[j] !== a[i]) total += aWeights[i]!;
  }
  return total;
}
