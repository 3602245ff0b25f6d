/**
 * A multimap from int32 keys to (int32 value, time) postings in flat typed arrays: an
 * open-addressing table of keys pointing at singly linked posting lists, each posting stored as
 * one [time, value, next] triple. Made for LSH buckets, where most keys hold one value and a JS
 * Map of arrays would spend its time on small objects and cache misses; the time rides along
 * so that a window filter touches nothing else.
 */
export class PostingTable {
  private tableKeys: Int32Array;
  private heads: Int32Array;
  private mask: number;
  private keyCount = 0;
  private postings: Float64Array;
  private used = 0;

  constructor(capacity = 1 << 12) {
    const size = 1 << Math.ceil(Math.log2(Math.max(16, capacity * 2)));
    this.tableKeys = new Int32Array(size);
    this.heads = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    this.postings = new Float64Array(3 * Math.max(16, capacity));
  }

  /** Postings held. */
  get size(): number {
    return this.used;
  }

  add(key: number, value: number, time: number): void {
    if ((this.keyCount + 1) * 2 > this.heads.length) this.rehash(this.heads.length * 2);
    if (3 * (this.used + 1) > this.postings.length) {
      const bigger = new Float64Array(this.postings.length * 2);
      bigger.set(this.postings);
      this.postings = bigger;
    }
    const at = this.find(key);
    if (this.heads[at] === -1) {
      this.tableKeys[at] = key;
      this.keyCount++;
    }
    const p = 3 * this.used;
    this.postings[p] = time;
    this.postings[p + 1] = value;
    this.postings[p + 2] = this.heads[at]!;
    this.heads[at] = this.used++;
  }

  /** Index of the newest posting under `key`, or -1; walk on with `next`. */
  first(key: number): number {
    return this.heads[this.find(key)]!;
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

  private find(key: number): number {
    let at = (Math.imul(key, 0x9e3779b1) >>> 0) & this.mask;
    while (this.heads[at] !== -1 && this.tableKeys[at] !== key) at = (at + 1) & this.mask;
    return at;
  }

  private rehash(size: number): void {
    const { tableKeys, heads } = this;
    this.tableKeys = new Int32Array(size);
    this.heads = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    for (let i = 0; i < heads.length; i++) {
      if (heads[i] === -1) continue;
      const at = this.find(tableKeys[i]!);
      this.tableKeys[at] = tableKeys[i]!;
      this.heads[at] = heads[i]!;
    }
  }
}
