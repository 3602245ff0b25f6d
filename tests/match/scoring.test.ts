import { describe, expect, it } from "vitest";
import { compileMatcher, DEFAULT_THRESHOLD, recencyFactor } from "../../src/match/index.js";
import { item, matchOne, NOW } from "./match-helpers.js";

const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000).toISOString();

describe("score", () => {
  it.each([
    // query, item, score: relevance × source weight × recency
    ["H200", { content: "H200" }, 1],
    ["H200", { summary: "H200" }, 2],
    ["H200", { title: "H200" }, 3],
    ["H200", { title: "H200", content: "H200 H200 H200" }, 3], // best field; repeats do not add
    ["H200 China", { title: "H200", content: "China" }, 4], // distinct terms add up
    ["H200 OR H20", { content: "H200 and H20" }, 2],
    ["source:sample", { content: "anything" }, 1], // only source: matched
    ["H200", { content: "H200", publishedAt: hoursAgo(24) }, 0.75],
    ["H200", { content: "H200", publishedAt: hoursAgo(48) }, 0.625],
    ["H200", { content: "H200", publishedAt: hoursAgo(-5) }, 1], // future dates count as new
    ["H200", { content: "H200", publishedAt: "not a date" }, 0.5],
  ])("%s on %j scores %d", (query, fields, score) => {
    expect(matchOne(query, fields)?.score).toBe(score);
  });

  it("multiplies by the source weight", () => {
    const matcher = compileMatcher({ queries: [{ id: "q", query: "H200" }], sourceWeights: { bis: 1.5, blog: 0.5, bad: -2 } });
    const scoreFrom = (sourceId: string) => matcher.match(item({ title: "H200", sourceId }), NOW)[0]?.score;
    expect([scoreFrom("bis"), scoreFrom("blog"), scoreFrom("other"), scoreFrom("bad")]).toEqual([4.5, 1.5, 3, 0]);
  });

  it.each([
    [0, 1],
    [12, 0.5 + 0.5 * 2 ** -0.5],
    [24, 0.75],
    [240, 0.5 + 0.5 * 2 ** -10],
  ])("recency after %d hours is %d", (hours, factor) => {
    expect(recencyFactor(hoursAgo(hours), NOW)).toBeCloseTo(factor, 12);
  });
});

describe("thresholds", () => {
  const matcher = compileMatcher({
    queries: [
      { id: "any", query: "H200" },
      { id: "title-only", query: "H200", threshold: 3 },
      { id: "strict", query: "H200", threshold: 10 },
    ],
  });

  it("lists every matching query whatever its threshold; passes applies it", () => {
    const found = matcher.match(item({ title: "H200" }), NOW);
    expect(found.map((m) => m.topicId)).toEqual(["any", "title-only", "strict"]);
    expect(found.map((m) => matcher.passes(m))).toEqual([true, true, false]);
  });

  it("never drops a match for age, only lowers its score", () => {
    const old = matcher.match(item({ title: "H200", publishedAt: "2020-01-01T00:00:00Z" }), NOW);
    expect(old.map((m) => [m.topicId, m.score, matcher.passes(m)])).toEqual([
      ["any", 1.5, true],
      ["title-only", 1.5, false],
      ["strict", 1.5, false],
    ]);
  });

  it("defaults to DEFAULT_THRESHOLD, which lets every match through", () => {
    expect(DEFAULT_THRESHOLD).toBe(0);
    expect(matcher.passes({ topicId: "unknown", score: 0, terms: [], fields: {} })).toBe(true);
  });
});

describe("explanations", () => {
  it.each([
    ["H200 OR \"export controls\"", { title: "New export controls", content: "H200 and export controls" }, ["H200", "export controls"], { title: ["export controls"], content: ["H200", "export controls"] }],
    ["@cac AI", { title: "网信办 AI rules" }, ["网信办", "AI"], { title: ["网信办", "AI"] }],
    ["Ｈ２００", { title: "H-200" }, ["Ｈ２００"], { title: ["Ｈ２００"] }],
    ["controls", { summary: "control" }, ["controls"], { summary: ["controls"] }],
    ['CAC -"CAC 40"', { title: "CAC 40", content: "the CAC said" }, ["CAC"], { content: ["CAC"] }],
    ["(a b) OR c", { content: "a c" }, ["c"], { content: ["c"] }],
    ["Nvidia NEAR/2 China", { content: "China and Nvidia; Nvidia far far far away" }, ["Nvidia", "China"], { content: ["Nvidia", "China"] }],
    ["source:sample H200", { title: "H200" }, ["source:sample", "H200"], { source: ["source:sample"], title: ["H200"] }],
  ])("%s explains with %j", (query, fields, terms, where) => {
    const found = matchOne(query, fields, { cac: 'CAC | "Cyberspace Administration of China" | 网信办' });
    expect(found?.terms).toEqual(terms);
    expect(found?.fields).toEqual(where);
  });

  it("lists matches in the order the queries were given, including repeated query texts", () => {
    const matcher = compileMatcher({
      queries: [
        { id: "watch:3", query: "China" },
        { id: "watch:1", query: "H200" },
        { id: "watch:2", query: "China" },
      ],
    });
    expect(matcher.match(item({ title: "H200 for China" }), NOW).map((m) => m.topicId)).toEqual(["watch:3", "watch:1", "watch:2"]);
  });

  it("gives the same answers item after item (no state leaks between items)", () => {
    const matcher = compileMatcher({ queries: [{ id: "q", query: 'CAC -"CAC 40"' }, { id: "r", query: "H200 NEAR/2 China" }] });
    const a = item({ title: "the CAC said", content: "H200 to China" });
    const b = item({ title: "CAC 40 fell" });
    const first = matcher.match(a, NOW);
    matcher.match(b, NOW);
    expect(matcher.match(a, NOW)).toEqual(first);
    expect(matcher.match(b, NOW)).toEqual([]);
  });
});
