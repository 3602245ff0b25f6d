import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CountTable } from "../../src/cluster/count-table.js";

describe("CountTable", () => {
  it("counts like a Map for any unsigned 32-bit keys, through growth", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.nat({ max: 40 }), fc.integer({ min: 0, max: 0xffffffff })), { maxLength: 400 }), (keys) => {
        const table = new CountTable(4);
        const model = new Map<number, number>();
        for (const key of keys) {
          table.increment(key);
          model.set(key, (model.get(key) ?? 0) + 1);
        }
        expect(table.size).toBe(model.size);
        for (const [key, count] of model) expect(table.get(key)).toBe(count);
      }),
    );
  });

  it("answers 0 for keys never counted, including 0 and 2³²-1", () => {
    const table = new CountTable();
    table.increment(7);
    expect(table.get(0)).toBe(0);
    expect(table.get(0xffffffff)).toBe(0);
    table.increment(0);
    table.increment(0xffffffff);
    table.increment(0xffffffff);
    expect([table.get(0), table.get(0xffffffff), table.get(7)]).toEqual([1, 2, 1]);
  });
});
