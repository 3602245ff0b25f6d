/**
 * Aho-Corasick over sequences of word symbols (not characters): each pattern is a term or phrase
 * as symbols, the text is the item's words as symbols. Root edges are a dense array (most
 * patterns are one word long); deeper edges live in one open-addressing hash over typed arrays,
 * probed only from nodes that have children. Node 0 is the root. Every node has at most one
 * pattern ending on it (callers dedupe patterns) and a link to the nearest node on its failure
 * chain where one does.
 */
export class AhoCorasick {
  /** The pattern ending at each node, or -1. */
  readonly output: Int32Array;
  /** The next node on the failure chain with an output, or 0 (the root has none). */
  readonly outputLink: Int32Array;
  readonly patternLength: Int32Array;
  private readonly rootNext: Int32Array;
  private readonly fail: Int32Array;
  private readonly hasChildren: Uint8Array;
  private readonly edgeFrom: Int32Array;
  private readonly edgeSym: Int32Array;
  private readonly edgeTo: Int32Array;
  private readonly edgeMask: number;

  constructor(patterns: readonly Int32Array[], symbolCount: number) {
    const children: Array<Map<number, number>> = [new Map()];
    const outputs: number[] = [-1];
    patterns.forEach((pattern, id) => {
      let node = 0;
      for (const sym of pattern) {
        let next = children[node]!.get(sym);
        if (next === undefined) {
          next = children.length;
          children[node]!.set(sym, next);
          children.push(new Map());
          outputs.push(-1);
        }
        node = next;
      }
      outputs[node] = id;
    });
    const nodeCount = children.length;
    this.output = Int32Array.from(outputs);
    this.patternLength = Int32Array.from(patterns, (p) => p.length);
    this.rootNext = new Int32Array(symbolCount + 1);
    for (const [sym, next] of children[0]!) this.rootNext[sym] = next;
    this.hasChildren = Uint8Array.from(children, (map) => (map.size > 0 ? 1 : 0));

    let capacity = 16;
    while (capacity < (nodeCount - children[0]!.size) * 2) capacity *= 2;
    this.edgeMask = capacity - 1;
    this.edgeFrom = new Int32Array(capacity); // 0 = empty: root edges are not stored here
    this.edgeSym = new Int32Array(capacity);
    this.edgeTo = new Int32Array(capacity);
    children.forEach((map, node) => node !== 0 && map.forEach((next, sym) => this.putEdge(node, sym, next)));

    this.fail = new Int32Array(nodeCount);
    this.outputLink = new Int32Array(nodeCount);
    const queue: number[] = [...children[0]!.values()];
    for (let head = 0; head < queue.length; head++) {
      const node = queue[head]!;
      for (const [sym, next] of children[node]!) {
        const target = this.step(this.fail[node]!, sym);
        this.fail[next] = target;
        this.outputLink[next] = this.output[target]! >= 0 ? target : this.outputLink[target]!;
        queue.push(next);
      }
    }
  }

  /** The node after reading `sym` in `node`; symbol 0 (a word no pattern uses) goes to the root. */
  step(node: number, sym: number): number {
    if (sym === 0) return 0;
    while (node !== 0) {
      if (this.hasChildren[node] === 1) {
        const next = this.edge(node, sym);
        if (next !== 0) return next;
      }
      node = this.fail[node]!;
    }
    return this.rootNext[sym]!;
  }

  private edge(node: number, sym: number): number {
    const mask = this.edgeMask;
    for (let slot = edgeSlot(node, sym) & mask; ; slot = (slot + 1) & mask) {
      const from = this.edgeFrom[slot]!;
      if (from === 0) return 0;
      if (from === node && this.edgeSym[slot] === sym) return this.edgeTo[slot]!;
    }
  }

  private putEdge(node: number, sym: number, next: number): void {
    let slot = edgeSlot(node, sym) & this.edgeMask;
    while (this.edgeFrom[slot] !== 0) slot = (slot + 1) & this.edgeMask;
    this.edgeFrom[slot] = node;
    this.edgeSym[slot] = sym;
    this.edgeTo[slot] = next;
  }
}

function edgeSlot(node: number, sym: number): number {
  const h = Math.imul(node, 0x9e3779b1) ^ Math.imul(sym, 0x85ebca77);
  return h ^ (h >>> 16);
}
