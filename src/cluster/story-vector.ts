// A story is compared by its centroid: the sum of its members' weighted term vectors. Term sets
// are sorted, distinct 32-bit hashes, so two of them meet in one linear pass.

/** Sorted terms with a weight each, and the vector's Euclidean length. */
export interface TermVector {
  features: Uint32Array;
  weights: Float64Array;
  norm: number;
}

/** Cosine of two term vectors: 1 for the same direction, 0 when they share no term. */
export function cosine(a: TermVector, b: TermVector): number {
  if (a.norm === 0 || b.norm === 0) return 0;
  const { features: fa, weights: wa } = a;
  const { features: fb, weights: wb } = b;
  let dot = 0;
  let j = 0;
  for (let i = 0; i < fa.length && j < fb.length; i++) {
    const x = fa[i]!;
    // A centroid is many times longer than an item: gallop through it rather than walk it.
    if (fb[j]! < x) {
      let step = 1;
      while (j + step < fb.length && fb[j + step]! < x) step *= 2;
      let lo = j + (step >> 1);
      let hi = Math.min(j + step, fb.length);
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (fb[mid]! < x) lo = mid + 1;
        else hi = mid;
      }
      j = lo;
    }
    if (j < fb.length && fb[j] === x) dot += wa[i]! * wb[j]!;
  }
  return dot / (a.norm * b.norm);
}

/** The sum of two term vectors. */
export function addVectors(a: TermVector, b: TermVector): TermVector {
  const features = new Uint32Array(a.features.length + b.features.length);
  const weights = new Float64Array(features.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.features.length || j < b.features.length) {
    const x = i < a.features.length ? a.features[i]! : Infinity;
    const y = j < b.features.length ? b.features[j]! : Infinity;
    if (x <= y) {
      features[n] = x;
      weights[n] = a.weights[i++]! + (x === y ? b.weights[j++]! : 0);
    } else {
      features[n] = y;
      weights[n] = b.weights[j++]!;
    }
    n++;
  }
  return vectorOf(features.slice(0, n), weights.slice(0, n));
}

export function vectorOf(features: Uint32Array, weights: Float64Array): TermVector {
  let sum = 0;
  for (const weight of weights) sum += weight * weight;
  return { features, weights, norm: Math.sqrt(sum) };
}

/** Whether two sorted term sets have at least `count` terms in common. */
export function sharesAtLeast(a: Uint32Array, b: Uint32Array, count: number): boolean {
  let shared = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i]! < b[j]!) i++;
    else if (a[i]! > b[j]!) j++;
    else {
      if (++shared >= count) return true;
      i++;
      j++;
    }
  }
  return shared >= count;
}
