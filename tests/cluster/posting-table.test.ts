import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PostingTable } from "../../src/cluster/posting-table.js";

function walk(table: PostingTable, key: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let node = table.head(key); node !== -1; node = table.nextNode(node)) {
    for (let i = table.count(node) - 1; i >= 0; i--) out.push([table.value(node, i), table.time(node, i)]);
  }
  return out;
}

describe("PostingTable", () => {
  it("lists every key's postings newest first, like a Map of arrays, through growth", () => {
    const key = fc.oneof(fc.integer({ min: -20, max: 20 }), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }));
    const posting = fc.tuple(key, fc.nat({ max: 1_000_000 }), fc.integer({ min: 0, max: 2 ** 45 }));
    fc.assert(
      fc.property(fc.array(posting, { maxLength: 300 }), fc.array(key, { maxLength: 20 }), (postings, absent) => {
        const table = new PostingTable(2);
        const model = new Map<number, Array<[number, number]>>();
        for (const [k, value, time] of postings) {
          table.add(k, value, time);
          model.set(k, [[value, time], ...(model.get(k) ?? [])]);
        }
        expect(table.size).toBe(postings.length);
        for (const [k, list] of model) expect(walk(table, k)).toEqual(list);
        for (const k of absent) if (!model.has(k)) expect(table.head(k)).toBe(-1);
      }),
    );
  });

  it("rebuilds without the postings before a cutoff, keeping each list's order", () => {
    const posting = fc.tuple(fc.integer({ min: -5, max: 5 }), fc.nat({ max: 1000 }), fc.integer({ min: 0, max: 100 }));
    fc.assert(
      fc.property(fc.array(posting, { maxLength: 200 }), fc.integer({ min: 0, max: 101 }), (postings, cutoff) => {
        const table = new PostingTable(2);
        for (const [k, value, time] of postings) table.add(k, value, time);
        const kept = table.withoutBefore(cutoff);
        expect(table.countBefore(cutoff)).toBe(postings.filter(([, , time]) => time < cutoff).length);
        expect(kept.size).toBe(postings.length - table.countBefore(cutoff));
        for (let k = -5; k <= 5; k++) expect(walk(kept, k)).toEqual(walk(table, k).filter(([, time]) => time >= cutoff));
      }),
    );
  });

  it("finds every key it holds among many, however the presence bits collide", () => {
    const table = new PostingTable();
    const keys = Array.from({ length: 50_000 }, (_, i) => Math.imul(i + 1, 0x9e3779b1) | 0);
    keys.forEach((key, i) => table.add(key, i, i));
    expect(keys.every((key, i) => table.head(key) !== -1 && table.value(table.head(key), 0) === i)).toBe(true);
    expect(table.head(0x7fffffff)).toBe(-1);
  });
});
