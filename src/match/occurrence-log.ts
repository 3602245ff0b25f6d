/**
 * The pattern occurrences found in the current item, as per-pattern lists in typed arrays.
 * `reset` between items is O(1): a generation stamp says which lists belong to this item.
 */
export class OccurrenceLog {
  private generation = 0;
  /** Per pattern: generation stamp, first and last occurrence, side by side (one cache line). */
  private readonly lists: Int32Array;
  private next = new Int32Array(256);
  first = new Int32Array(256);
  last = new Int32Array(256);
  field = new Int32Array(256);
  private count = 0;

  constructor(patternCount: number) {
    this.lists = new Int32Array(patternCount * 3);
  }

  reset(): void {
    this.count = 0;
    if (++this.generation === 0x7fffffff) {
      this.generation = 1;
      this.lists.fill(0);
    }
  }

  /** Record an occurrence; true when it is the pattern's first in this item. */
  add(pattern: number, first: number, last: number, field: number): boolean {
    if (this.count === this.next.length) this.grow();
    const at = this.count++;
    this.first[at] = first;
    this.last[at] = last;
    this.field[at] = field;
    this.next[at] = -1;
    const list = pattern * 3;
    if (this.lists[list] !== this.generation) {
      this.lists[list] = this.generation;
      this.lists[list + 1] = at;
      this.lists[list + 2] = at;
      return true;
    }
    this.next[this.lists[list + 2]!] = at;
    this.lists[list + 2] = at;
    return false;
  }

  /** The first occurrence of `pattern` in this item, or -1; walk on with `after`, in text order. */
  firstOf(pattern: number): number {
    const list = pattern * 3;
    return this.lists[list] === this.generation ? this.lists[list + 1]! : -1;
  }

  /** The occurrence after `at` of the same pattern, or -1. */
  after(at: number): number {
    return this.next[at]!;
  }

  private grow(): void {
    const size = this.next.length * 2;
    const widen = (old: Int32Array) => {
      const wider = new Int32Array(size);
      wider.set(old);
      return wider;
    };
    this.next = widen(this.next);
    this.first = widen(this.first);
    this.last = widen(this.last);
    this.field = widen(this.field);
  }
}
