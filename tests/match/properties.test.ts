import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { MatchableItem } from "../../src/domain/match.js";
import { compileMatcher, ftsTermsOf, parseQuery, QueryError } from "../../src/match/index.js";
import { NOW } from "./match-helpers.js";

// A small world, so random queries and texts meet often: plurals, acronyms, model numbers, CJK.
const WORDS = ["chip", "chips", "export", "controls", "rule", "policy", "policies", "CAC", "40", "H200", "H-200", "AI", "出口", "管制", "网信办"];
const LOWER = ["chip", "chips", "export", "controls", "rule", "policy", "policies", "cache"];
const FILLER = ["the", "and", ",", ".", "on", "cache", "CAC40", "h200", "ai"];

const textOf = (words: readonly string[]) => fc.array(fc.constantFrom(...words, ...FILLER), { maxLength: 14 }).map((w) => w.join(" "));
const itemOf = (words: readonly string[]): fc.Arbitrary<MatchableItem> =>
  fc.record({
    title: textOf(words),
    summary: textOf(words),
    content: textOf(words),
    sourceId: fc.constantFrom("a", "b"),
    publishedAt: fc.constant(NOW.toISOString()),
  });

/** Queries that always parse: every OR side and every AND has something that must appear. */
function queryOf(words: readonly string[]): fc.Arbitrary<string> {
  const leaf = fc.oneof(
    fc.constantFrom(...words),
    fc.tuple(fc.constantFrom(...words), fc.constantFrom(...words)).map(([a, b]) => `"${a} ${b}"`),
    fc.constantFrom(...words).map((w) => `title:${w}`),
  );
  const { query } = fc.letrec<{ query: string; positive: string }>((tie) => ({
    query: fc.oneof({ depthSize: "small", withCrossShrink: true }, leaf, tie("positive")),
    positive: fc.oneof(
      fc.tuple(tie("query"), tie("query")).map(([a, b]) => `(${a} OR ${b})`),
      fc.tuple(tie("query"), tie("query")).map(([a, b]) => `(${a} ${b})`),
      fc.tuple(tie("query"), leaf).map(([a, b]) => `(${a} -${b})`),
      fc.tuple(tie("query"), tie("query")).map(([a, b]) => `(${a} NOT ${b})`),
      fc.tuple(leaf, leaf, fc.integer({ min: 0, max: 4 })).map(([a, b, n]) => `(${a} NEAR/${n} ${b})`),
      fc.constantFrom("source:a", "source:b").map((s) => `(${s} ${words[0]})`),
    ),
  }));
  return query;
}

const matchesAll = (queries: string[], item: MatchableItem): boolean[] => {
  const found = compileMatcher({ queries: queries.map((query, i) => ({ id: String(i), query })) }).match(item, NOW);
  return queries.map((_, i) => found.some((m) => m.topicId === String(i)));
};

const RUNS = { numRuns: 300 };

describe("properties of the language", () => {
  it("adding NOT x never adds a match", () => {
    fc.assert(
      fc.property(queryOf(WORDS), queryOf(WORDS), itemOf(WORDS), (q, x, item) => {
        const [plain, minus, not] = matchesAll([q, `(${q}) -(${x})`, `(${q}) NOT ${x}`], item);
        expect(!minus || plain).toBe(true);
        expect(!not || plain).toBe(true);
      }),
      RUNS,
    );
  });

  it("a OR b matches at least what a and b match; (a) (b) is exactly both", () => {
    fc.assert(
      fc.property(queryOf(WORDS), queryOf(WORDS), itemOf(WORDS), (a, b, item) => {
        const [ma, mb, or, and] = matchesAll([a, b, `(${a}) OR (${b})`, `(${a}) (${b})`], item);
        expect(or).toBe(ma || mb);
        expect(and).toBe(ma && mb);
      }),
      RUNS,
    );
  });

  it("case changes never change a match for non-acronym terms", () => {
    const flip = fc.array(fc.boolean(), { minLength: 64, maxLength: 64 });
    const recase = (text: string, bits: boolean[]) =>
      [...text].map((ch, i) => (bits[i % bits.length] ? ch.toUpperCase() : ch.toLowerCase())).join("");
    fc.assert(
      fc.property(queryOf(LOWER), itemOf(LOWER), flip, flip, (q, item, textBits, queryBits) => {
        const changed = { ...item, title: recase(item.title, textBits), summary: recase(item.summary, textBits), content: recase(item.content, textBits) };
        // Capitalising the query's words keeps them non-acronyms (there is always a lower-case letter left).
        const capitalised = q.replace(/\b([a-z])([a-z]+)\b/g, (_, head: string, rest: string) => (queryBits[rest.length] ? head.toUpperCase() : head) + rest);
        const [before] = matchesAll([q], item);
        const [after, capital] = matchesAll([q, capitalised], changed);
        expect(after).toBe(before);
        expect(capital).toBe(before);
      }),
      RUNS,
    );
  });

  it("one matcher for many queries answers as each query alone", () => {
    fc.assert(
      fc.property(fc.array(queryOf(WORDS), { minLength: 2, maxLength: 8 }), itemOf(WORDS), (queries, item) => {
        const together = matchesAll(queries, item);
        expect(queries.map((q) => matchesAll([q], item)[0])).toEqual(together);
      }),
      { numRuns: 150 },
    );
  });

  it("ftsTermsOf is a necessary condition: a match has every term of some alternative", () => {
    fc.assert(
      fc.property(queryOf(WORDS), itemOf(WORDS), (q, item) => {
        if (!matchesAll([q], item)[0]) return;
        const alternatives = ftsTermsOf(parseQuery(q));
        if (alternatives.length === 0) return;
        const present = (term: string) => matchesAll([`"${term}"`], item)[0];
        expect(alternatives.some((terms) => terms.every(present))).toBe(true);
      }),
      RUNS,
    );
  });

  it("scores of matches are positive, explained, and recency only lowers them", () => {
    fc.assert(
      fc.property(queryOf(WORDS), itemOf(WORDS), fc.integer({ min: 0, max: 10_000 }), (q, item, hours) => {
        const matcher = compileMatcher({ queries: [{ id: "q", query: q }] });
        const fresh = matcher.match(item, NOW)[0];
        const old = matcher.match({ ...item, publishedAt: new Date(NOW.getTime() - hours * 3_600_000).toISOString() }, NOW)[0];
        expect(old === undefined).toBe(fresh === undefined);
        if (!fresh || !old) return;
        expect(fresh.score).toBeGreaterThan(0);
        expect(old.score).toBeLessThanOrEqual(fresh.score);
        expect(old.score).toBeGreaterThanOrEqual(Math.floor((fresh.score / 2) * 1000) / 1000);
        expect(fresh.terms.length).toBeGreaterThan(0);
        expect(new Set(Object.values(fresh.fields).flat())).toEqual(new Set(fresh.terms));
      }),
      RUNS,
    );
  });
});

describe("robustness", () => {
  it("parseQuery on any string returns a tree or throws a QueryError with a column inside the query", () => {
    const syntax = fc.constantFrom("(", ")", '"', "-", "|", "@", ":", " ", "AND", "OR", "NOT", "NEAR/2", "title:", "source:", "a", "B", "网", "\u200B", "＂");
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary" }), fc.array(syntax, { maxLength: 12 }).map((parts) => parts.join(""))), (query) => {
        try {
          parseQuery(query, { a: "x | y" });
        } catch (error) {
          expect(error).toBeInstanceOf(QueryError);
          const { column } = error as QueryError;
          expect(column >= 0 && column <= query.length).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("match never throws on any text", () => {
    const matcher = compileMatcher({ queries: WORDS.map((w, i) => ({ id: String(i), query: `"${w}" OR ${w} NEAR/1 ${WORDS[(i + 1) % WORDS.length]}` })) });
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), fc.string({ unit: "grapheme" }), (title, content) => {
        expect(Array.isArray(matcher.match({ title, summary: "", content, sourceId: "", publishedAt: "" }, NOW))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
