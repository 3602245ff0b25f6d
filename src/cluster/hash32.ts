const FNV_OFFSET = 0x811c9dc5;

/** FNV-1a over UTF-16 code units: fast, stable across runs and processes, good enough to bucket text. */
export function fnv1a32(text: string, seed = FNV_OFFSET): number {
  return fmix32(fnvState(text, seed));
}

/**
 * The FNV-1a state after `text`, before finalising: `fnv1a32(b, fnvState(a))` equals
 * `fnv1a32(a + b)`, so a prefixed key hashes without building the prefixed string.
 */
export function fnvState(text: string, seed = FNV_OFFSET): number {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash;
}

/** MurmurHash3's finaliser: a bijection on 32 bits that spreads every input bit over the output. */
export function fmix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
