// Per alternative, four int32s side by side, so one cache line serves each update.
const STAMP = 0;
const COUNT = 1;
const SIZE = 2;
const QUERY = 3;
const STRIDE = 4;

/**
 * Picks the queries worth evaluating for an item without looking at the others. Each query has
 * alternatives of patterns (from `requiredSets`); a query becomes a candidate once every pattern
 * of one alternative has occurred. Work per item is proportional to the (pattern, alternative)
 * pairs of the patterns found, not to the number of queries.
 */
export class CandidateFilter {
  /** altStart[p]..altStart[p + 1] index altOfPattern: the alternatives pattern p belongs to. */
  private readonly altStart: Int32Array;
  private readonly altOfPattern: Int32Array;
  private readonly alts: Int32Array;
  private readonly queryStamp: Int32Array;
  private readonly always: number[] = [];
  private readonly found: Int32Array;
  private foundCount = 0;
  private generation = 0;

  /** `alternatives[q]` lists query q's alternatives; an empty alternative means "always evaluate". */
  constructor(alternatives: ReadonlyArray<ReadonlyArray<readonly number[]>>, patternCount: number) {
    const flat: Array<{ query: number; patterns: number[] }> = [];
    alternatives.forEach((alts, query) => {
      if (alts.some((alt) => alt.length === 0)) this.always.push(query);
      else for (const alt of alts) flat.push({ query, patterns: [...new Set(alt)] });
    });
    this.alts = new Int32Array(flat.length * STRIDE);
    flat.forEach((alt, id) => {
      this.alts[id * STRIDE + SIZE] = alt.patterns.length;
      this.alts[id * STRIDE + QUERY] = alt.query;
    });
    this.queryStamp = new Int32Array(alternatives.length);
    this.found = new Int32Array(alternatives.length);
    const start = new Int32Array(patternCount + 1);
    for (const alt of flat) for (const p of alt.patterns) start[p + 1]!++;
    for (let p = 0; p < patternCount; p++) start[p + 1]! += start[p]!;
    this.altStart = start;
    this.altOfPattern = new Int32Array(start[patternCount]!);
    const fill = start.slice(0, patternCount);
    flat.forEach((alt, id) => alt.patterns.forEach((p) => (this.altOfPattern[fill[p]!++] = id)));
  }

  reset(): void {
    this.foundCount = 0;
    if (++this.generation === 0x7fffffff) {
      this.generation = 1;
      for (let at = STAMP; at < this.alts.length; at += STRIDE) this.alts[at] = 0;
      this.queryStamp.fill(0);
    }
  }

  /** A pattern occurred in the item for the first time. */
  onPattern(pattern: number): void {
    const { alts, generation } = this;
    for (let i = this.altStart[pattern]!, end = this.altStart[pattern + 1]!; i < end; i++) {
      const at = this.altOfPattern[i]! * STRIDE;
      if (alts[at + STAMP] !== generation) {
        alts[at + STAMP] = generation;
        alts[at + COUNT] = 0;
      }
      if (++alts[at + COUNT]! === alts[at + SIZE]) {
        const query = alts[at + QUERY]!;
        if (this.queryStamp[query] !== generation) {
          this.queryStamp[query] = generation;
          this.found[this.foundCount++] = query;
        }
      }
    }
  }

  /** Queries to evaluate for this item, in query order; the view is valid until `reset`. */
  candidates(): Int32Array {
    for (const query of this.always) {
      if (this.queryStamp[query] !== this.generation) {
        this.queryStamp[query] = this.generation;
        this.found[this.foundCount++] = query;
      }
    }
    return this.found.subarray(0, this.foundCount).sort();
  }
}
