/**
 * A multimap from int32 keys to (int32 value, time) postings in flat typed arrays: an
 * open-addressing table of keys pointing at singly linked posting lists, each posting stored as
 * one [time, value, next] triple. Made for LSH buckets, where most keys hold one value and a JS
 * Map of arrays would spend its time on small objects and cache misses; the time rides along
 * so that a window filter touches nothing else.
 */
export class PostingTable {
  /** [key, head] pairs side by side, so a probe reads one cache line; head -1 marks a free slot. */
  private slots: Int32Array;
  private mask: number;
  private keyCount = 0;
  private postings: Float64Array;
  /** Each posting's key, read only when the table is rebuilt. */
  private postingKeys: Int32Array;
  private used = 0;

  constructor(capacity = 1 << 12) {
    const size = 1 << Math.ceil(Math.log2(Math.max(16, capacity * 2)));
    this.slots = new Int32Array(2 * size).fill(-1);
    this.mask = size - 1;
    this.postings = new Float64Array(3 * Math.max(16, capacity));
    this.postingKeys = new Int32Array(Math.max(16, capacity));
  }

  /** Postings held. */
  get size(): number {
    return this.used;
  }

  add(key: number, value: number, time: number): void {
    if ((this.keyCount + 1) * 2 > this.mask + 1) this.rehash(2 * (this.mask + 1));
    if (this.used + 1 > this.postingKeys.length) {
      const postings = new Float64Array(this.postings.length * 2);
      postings.set(this.postings);
      this.postings = postings;
      const keys = new Int32Array(this.postingKeys.length * 2);
      keys.set(this.postingKeys);
      this.postingKeys = keys;
    }
    const at = this.find(key);
    if (this.slots[at + 1] === -1) {
      this.slots[at] = key;
      this.keyCount++;
    }
    const p = 3 * this.used;
    this.postings[p] = time;
    this.postings[p + 1] = value;
    this.postings[p + 2] = this.slots[at + 1]!;
    this.postingKeys[this.used] = key;
    this.slots[at + 1] = this.used++;
  }

  /** Index of the newest posting under `key`, or -1; walk on with `next`. */
  first(key: number): number {
    return this.slots[this.find(key) + 1]!;
  }

  next(posting: number): number {
    return this.postings[3 * posting + 2]!;
  }

  value(posting: number): number {
    return this.postings[3 * posting + 1]!;
  }

  time(posting: number): number {
    return this.postings[3 * posting]!;
  }

  /** Postings whose time is before `cutoff`. */
  countBefore(cutoff: number): number {
    let count = 0;
    for (let p = 0; p < this.used; p++) if (this.postings[3 * p]! < cutoff) count++;
    return count;
  }

  /** A new table with only the postings at or after `cutoff`, each key's list in the same order. */
  withoutBefore(cutoff: number): PostingTable {
    const kept = new PostingTable(Math.max(16, this.used - this.countBefore(cutoff)));
    for (let p = 0; p < this.used; p++) {
      const time = this.postings[3 * p]!;
      if (time >= cutoff) kept.add(this.postingKeys[p]!, this.postings[3 * p + 1]!, time);
    }
    return kept;
  }

  /** Offset in `slots` of `key`'s pair, or of the free pair where it would go. */
  private find(key: number): number {
    let at = (Math.imul(key, 0x9e3779b1) >>> 0) & this.mask;
    while (this.slots[2 * at + 1] !== -1 && this.slots[2 * at] !== key) at = (at + 1) & this.mask;
    return 2 * at;
  }

  private rehash(size: number): void {
    const old = this.slots;
    this.slots = new Int32Array(2 * size).fill(-1);
    this.mask = size - 1;
    for (let i = 0; i < old.length; i += 2) {
      if (old[i + 1] === -1) continue;
      const at = this.find(old[i]!);
      this.slots[at] = old[i]!;
      this.slots[at + 1] = old[i + 1]!;
    }
  }
}
