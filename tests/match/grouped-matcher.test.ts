import { describe, expect, it } from "vitest";
import { compileGroupedMatcher } from "../../src/match/index.js";
import { item, NOW } from "./match-helpers.js";

describe("a matcher over groups of queries with their own aliases", () => {
  it("reads each group's @name with that group's aliases only", () => {
    const matcher = compileGroupedMatcher(
      [
        { aliases: { chips: "H200" }, queries: [{ id: "a/chips", query: "@chips" }] },
        { aliases: { chips: "lithium" }, queries: [{ id: "b/chips", query: "@chips" }] },
      ],
      {},
    );
    expect(matcher.match(item({ title: "H200 exports halted" }), NOW).map((m) => m.topicId)).toEqual(["a/chips"]);
    expect(matcher.match(item({ title: "Lithium prices slide" }), NOW).map((m) => m.topicId)).toEqual(["b/chips"]);
  });

  it("leaves out a query that no longer parses, says which, and still matches the others", () => {
    const skipped: string[] = [];
    const matcher = compileGroupedMatcher(
      [
        { aliases: {}, queries: [{ id: "gone", query: "@removed" }, { id: "kept", query: "solar" }] },
        { aliases: { sun: "solar" }, queries: [{ id: "other", query: "@sun" }] },
      ],
      {},
      (id) => skipped.push(id),
    );
    expect(skipped).toEqual(["gone"]);
    const found = matcher.match(item({ title: "Solar subsidies cut" }), NOW);
    expect(found.map((m) => m.topicId)).toEqual(["kept", "other"]);
    expect(found.every((m) => matcher.passes(m))).toBe(true);
  });
});
