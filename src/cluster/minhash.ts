import { fmix32 } from "./hash32.js";

/** Turns a feature set (as 32-bit hashes) into a fixed-size MinHash signature. */
export interface MinHasher {
  readonly size: number;
  sign(hashes: Uint32Array): Uint32Array;
}

/**
 * `size` hash functions of the form a·x + b mod 2³² over already well-mixed 32-bit feature
 * hashes: two integer operations per feature and function, which is what keeps signing cheap.
 * Seeded deterministically, so keys stored yesterday match today's. The signature returned is the
 * hasher's own buffer, overwritten by the next call: use it (make LSH keys) before signing again.
 */
export function createMinHasher(size: number, seed = 0x5eed): MinHasher {
  const mul = new Uint32Array(size);
  const add = new Uint32Array(size);
  for (let i = 0; i < size; i++) {
    mul[i] = (fmix32(seed + 2 * i + 1) | 1) >>> 0;
    add[i] = fmix32(seed ^ (0x9e3779b9 + i));
  }
  const signature = new Uint32Array(size);
  return {
    size,
    sign(hashes) {
      for (let i = 0; i < size; i++) {
        const a = mul[i]!;
        const b = add[i]!;
        let min = 0xffffffff;
        for (let j = 0; j < hashes.length; j++) {
          const value = (Math.imul(hashes[j]!, a) + b) >>> 0;
          if (value < min) min = value;
        }
        signature[i] = min;
      }
      return signature;
    },
  };
}
