/**
 * Counts per 32-bit key in flat typed arrays (open addressing, linear probing): document
 * frequencies of feature hashes. A JS Map would box every hash at or above 2³¹ as a heap number
 * and chase a pointer per lookup; here a lookup is a multiply and one or two array reads.
 */
export class CountTable {
  private keys: Int32Array;
  private counts: Int32Array;
  private mask: number;
  private used = 0;

  constructor(capacity = 1 << 12) {
    const size = 1 << Math.ceil(Math.log2(Math.max(16, capacity * 2)));
    this.keys = new Int32Array(size);
    this.counts = new Int32Array(size);
    this.mask = size - 1;
  }

  /** Distinct keys counted. */
  get size(): number {
    return this.used;
  }

  get(key: number): number {
    return this.counts[this.slotOf(key | 0)]!;
  }

  increment(key: number): void {
    if ((this.used + 1) * 2 > this.keys.length) this.grow();
    const k = key | 0;
    const at = this.slotOf(k);
    // A count of zero marks a free slot: every key stored has been counted at least once.
    if (this.counts[at] === 0) {
      this.keys[at] = k;
      this.used++;
    }
    this.counts[at]!++;
  }

  private slotOf(key: number): number {
    let at = (Math.imul(key, 0x9e3779b1) >>> 0) & this.mask;
    while (this.counts[at] !== 0 && this.keys[at] !== key) at = (at + 1) & this.mask;
    return at;
  }

  private grow(): void {
    const { keys, counts } = this;
    this.keys = new Int32Array(keys.length * 2);
    this.counts = new Int32Array(keys.length * 2);
    this.mask = this.keys.length - 1;
    for (let i = 0; i < keys.length; i++) {
      if (counts[i] === 0) continue;
      const at = this.slotOf(keys[i]!);
      this.keys[at] = keys[i]!;
      this.counts[at] = counts[i]!;
    }
  }
}
