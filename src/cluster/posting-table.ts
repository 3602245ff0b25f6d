/** Postings held in one node: with its header, a node is 8 doubles, one 64-byte cache line. */
const PER_NODE = 3;
const NODE = 2 + 2 * PER_NODE;
/** Marks a free slot in the key table, and the end of a node chain. */
const NONE = -1;

/**
 * A multimap from int32 keys to (int32 value, time) postings in flat typed arrays: an
 * open-addressing table of keys, each pointing at a chain of nodes of up to three postings,
 * newest node first. Made for term postings, where most keys hold a few values and a JS Map of
 * arrays would spend its time on small objects and cache misses: reading a key's postings costs
 * one read in the key table and about one cache line per three postings. The time rides along
 * so that a window filter touches nothing else.
 *
 * A node is [link, key, time, value, time, value, time, value], where link = (next node + 1) × 4
 * + postings in the node: the count rides in the same cache line as the postings.
 */
export class PostingTable {
  /** [key, head node] pairs side by side, so a probe reads one cache line. */
  private slots: Int32Array;
  private mask: number;
  /**
   * One bit per 2²⁰ hash buckets, set for every key held: small enough to stay in cache, it answers
   * most lookups of absent keys (a good share of lookups) without reading the larger key table.
   */
  private present = new Int32Array(1 << 15);
  private keyCount = 0;
  private nodes: Float64Array;
  private nodeCount = 0;
  private postingCount = 0;

  constructor(capacity = 1 << 12) {
    const size = 1 << Math.ceil(Math.log2(Math.max(16, capacity * 2)));
    this.slots = new Int32Array(2 * size).fill(NONE);
    this.mask = size - 1;
    this.nodes = new Float64Array(NODE * Math.max(16, Math.ceil(capacity / 2)));
  }

  /** Postings held. */
  get size(): number {
    return this.postingCount;
  }

  add(key: number, value: number, time: number): void {
    if ((this.keyCount + 1) * 2 > this.mask + 1) this.rehash(2 * (this.mask + 1));
    const at = this.find(key);
    let head = this.slots[at + 1]!;
    if (head === NONE) {
      this.slots[at] = key;
      this.keyCount++;
      const bit = presenceBit(key);
      this.present[bit >>> 5]! |= 1 << (bit & 31);
    }
    if (head === NONE || this.count(head) === PER_NODE) {
      const node = this.newNode();
      this.nodes[NODE * node] = (head + 1) * 4;
      this.nodes[NODE * node + 1] = key;
      this.slots[at + 1] = head = node;
    }
    const entry = NODE * head + 2 + 2 * this.count(head);
    this.nodes[NODE * head]!++;
    this.nodes[entry] = time;
    this.nodes[entry + 1] = value;
    this.postingCount++;
  }

  /** The newest node of `key`'s postings, or -1. */
  head(key: number): number {
    const bit = presenceBit(key);
    if ((this.present[bit >>> 5]! & (1 << (bit & 31))) === 0) return NONE;
    return this.slots[this.find(key) + 1]!;
  }

  /** The node after `node`, older; -1 after the last. */
  nextNode(node: number): number {
    return (this.nodes[NODE * node]! >> 2) - 1;
  }

  /** How many postings `node` holds; read them newest first, from `count - 1` down to 0. */
  count(node: number): number {
    return this.nodes[NODE * node]! & 3;
  }

  time(node: number, index: number): number {
    return this.nodes[NODE * node + 2 + 2 * index]!;
  }

  value(node: number, index: number): number {
    return this.nodes[NODE * node + 3 + 2 * index]!;
  }

  /** Postings whose time is before `cutoff`. */
  countBefore(cutoff: number): number {
    let stale = 0;
    for (let node = 0; node < this.nodeCount; node++) {
      for (let i = 0; i < this.count(node); i++) if (this.time(node, i) < cutoff) stale++;
    }
    return stale;
  }

  /**
   * A new table with only the postings at or after `cutoff`, each key's postings in the same order.
   * `stale` is `countBefore(cutoff)`, when the caller has it already.
   */
  withoutBefore(cutoff: number, stale = this.countBefore(cutoff)): PostingTable {
    const kept = new PostingTable(Math.max(16, this.postingCount - stale));
    // Nodes were made in order, and a key's node fills up before its next one is made.
    for (let node = 0; node < this.nodeCount; node++) {
      const key = this.nodes[NODE * node + 1]!;
      for (let i = 0; i < this.count(node); i++) {
        const time = this.time(node, i);
        if (time >= cutoff) kept.add(key, this.value(node, i), time);
      }
    }
    return kept;
  }

  private newNode(): number {
    if (NODE * (this.nodeCount + 1) > this.nodes.length) {
      const nodes = new Float64Array(this.nodes.length * 2);
      nodes.set(this.nodes);
      this.nodes = nodes;
    }
    return this.nodeCount++;
  }

  /** Offset in `slots` of `key`'s pair, or of the free pair where it would go. */
  private find(key: number): number {
    let at = (Math.imul(key, 0x9e3779b1) >>> 0) & this.mask;
    while (this.slots[2 * at + 1] !== NONE && this.slots[2 * at] !== key) at = (at + 1) & this.mask;
    return 2 * at;
  }

  private rehash(size: number): void {
    const old = this.slots;
    this.slots = new Int32Array(2 * size).fill(NONE);
    this.mask = size - 1;
    for (let i = 0; i < old.length; i += 2) {
      if (old[i + 1] === NONE) continue;
      const at = this.find(old[i]!);
      this.slots[at] = old[i]!;
      this.slots[at + 1] = old[i + 1]!;
    }
  }
}

function presenceBit(key: number): number {
  return Math.imul(key, 0x85ebca6b) >>> 12;
}
