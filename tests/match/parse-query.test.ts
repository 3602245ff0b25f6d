import { describe, expect, it } from "vitest";
import { BriefingError } from "../../src/domain/errors.js";
import { compileMatcher, parseQuery, QueryError, type QueryNode } from "../../src/match/index.js";

/** A compact spelling of a tree: (and a b), (or …), (not x), (near/5 a b), "phrase", title:x, source:x, @name{…}. */
function show(node: QueryNode): string {
  switch (node.kind) {
    case "term": {
      const text = node.phrase ? `"${node.text}"` : node.text;
      return node.scope === "title" ? `title:${text}` : text;
    }
    case "source": return `source:${node.id}`;
    case "and":
    case "or": return `(${node.kind} ${node.children.map(show).join(" ")})`;
    case "not": return `(not ${show(node.child)})`;
    case "near": return `(near/${node.distance} ${show(node.left)} ${show(node.right)})`;
    case "alias": return `@${node.name}{${show(node.body)}}`;
  }
}

const aliases = { cac: 'CAC | "Cyberspace Administration of China" | 网信办', "@index": '"CAC 40"' };

describe("parseQuery trees", () => {
  it.each([
    ["H200", "H200"],
    ['"export controls"', '"export controls"'],
    ["export controls", "(and export controls)"],
    ["a AND b OR c", "(or (and a b) c)"],
    ["a OR b c", "(or a (and b c))"],
    ["a (b OR c)", "(and a (or b c))"],
    ["a | b", "(or a b)"],
    ["CAC -\"CAC 40\"", '(and CAC (not "CAC 40"))'],
    ["CAC NOT \"CAC 40\"", '(and CAC (not "CAC 40"))'],
    ["a --b", "(and a b)"],
    ["a NEAR/3 b", "(near/3 a b)"],
    ["a NEAR b", "(near/10 a b)"],
    ["a NEAR/2 b c", "(and (near/2 a b) c)"],
    ["(a OR b) NEAR/5 c", "(near/5 (or a b) c)"],
    ["title:H200", "title:H200"],
    ['title:"AI chips"', 'title:"AI chips"'],
    ["title:(a OR b)", "(or title:a title:b)"],
    ["source:bis-rules H200", "(and source:bis-rules H200)"],
    ["source:(a OR b) x", "(and (or source:a source:b) x)"],
    ["@cac AI", '(and @cac{(or CAC "Cyberspace Administration of China" 网信办)} AI)'],
    ["title:@cac", '@cac{(or title:CAC title:"Cyberspace Administration of China" title:网信办)}'],
    ["x -@index", '(and x (not @index{"CAC 40"}))'],
    ["（a ｜ b）", "(or a b)"],
    ["“export controls”", '"export controls"'],
    ["and or", "(and and or)"],
    ["H-200 e-commerce", "(and H-200 e-commerce)"],
  ])("%s → %s", (query, tree) => {
    expect(show(parseQuery(query, aliases))).toBe(tree);
  });

  it("keeps columns of terms for callers", () => {
    const root = parseQuery("a OR title:bc");
    expect(root.kind === "or" && root.children.map((c) => c.column)).toEqual([0, 5]);
  });
});

describe("parse errors", () => {
  it.each([
    // query, column, problem, expected
    ["", 0, "the query is empty", 'a term, a "phrase", "(" or "@alias"'],
    ["CAC AND", 7, "the query ends too early", 'a term, a "phrase", "(" or "@alias"'],
    ["OR H200", 0, 'unexpected OR', 'a term, a "phrase", "(" or "@alias"'],
    ["(H200 OR H20", 12, '"(" at column 0 is not closed', '")"'],
    ["H200)", 4, 'unexpected ")"', "AND, OR, NEAR or the end of the query"],
    ['"export controls', 0, "this quote is never closed", "a closing quote"],
    ['CAC ""', 4, "the phrase is empty", "words between the quotes"],
    ["since:7d H200", 0, 'unknown field "since:"', "title: or source:"],
    ["title: H200", 7, 'nothing follows "title:"', "a term, \"phrase\" or ( right after title:"],
    ["H200 - H20", 5, '"-" stands alone', 'a term right after "-" (as in -"CAC 40")'],
    ["a NEAR/x b", 7, '"NEAR/x" is not a distance', "a number of words from 0 to 100, as in NEAR/5"],
    ["a NEAR/500 b", 7, '"NEAR/500" is not a distance', "a number of words from 0 to 100, as in NEAR/5"],
    ["-\"CAC 40\"", 0, "the query only excludes and would match almost every item", 'at least one term that must appear (as in CAC -"CAC 40")'],
    ["NOT a NOT b", 0, "the query only excludes and would match almost every item", 'at least one term that must appear (as in CAC -"CAC 40")'],
    ["a OR -b", 5, "this OR alternative only excludes", "terms on both sides of OR; to exclude, write (a OR b) -c"],
    ["a NEAR/3 (b c)", 10, "NEAR cannot join this", "terms, phrases or ( OR ) of them on both sides of NEAR"],
    ["a NEAR/3 source:x", 9, "NEAR cannot join this", "terms, phrases or ( OR ) of them on both sides of NEAR"],
    ["@nope H200", 0, 'unknown alias "@nope"', "one of the known aliases: @cac, @index"],
    ["!!! H200", 0, '"!!!" has no letters, digits or CJK characters', "a term with letters or digits"],
    ["title:source:x", 6, '"source:" inside "title:"', "one field scope at a time"],
    // Columns count UTF-16 code units; only the caret line accounts for wide characters.
    ["网信办 AND )", 8, 'unexpected ")"', 'a term, a "phrase", "(" or "@alias"'],
  ])("%j fails at column %i: %s", (query, column, problem, expected) => {
    const error = catchQueryError(() => parseQuery(query, aliases));
    expect(error).toMatchObject({ name: "QueryError", code: "query", query, column, problem, expected });
    expect(error).toBeInstanceOf(BriefingError);
  });

  it.each([
    ["CAC AND", "the query ends too early; expected a term, a \"phrase\", \"(\" or \"@alias\"\n  CAC AND\n         ^"],
    ["(H200 OR H20", "\"(\" at column 0 is not closed; expected \")\"\n  (H200 OR H20\n              ^"],
    // CJK characters take two columns in a terminal, so the caret moves two per character.
    ["网信办 AND )", "unexpected \")\"; expected a term, a \"phrase\", \"(\" or \"@alias\"\n  网信办 AND )\n             ^"],
  ])("%j prints the problem, the query and a caret", (query, message) => {
    expect(catchQueryError(() => parseQuery(query, aliases)).message).toBe(message);
  });

  it("names the alias whose body is wrong, with the caret in that body", () => {
    const error = catchQueryError(() => parseQuery("@bad x", { bad: "a OR" }));
    expect(error).toMatchObject({ alias: "bad", query: "a OR", column: 4 });
    expect(error.message.split("\n")[0]).toBe('in alias @bad: the query ends too early; expected a term, a "phrase", "(" or "@alias"');
  });

  it("refuses aliases that use themselves", () => {
    const error = catchQueryError(() => parseQuery("@a", { a: "x @b", b: "y OR @a" }));
    expect(error.problem).toBe('alias "@a" refers to itself (@a → @b → @a)');
  });

  it("bounds nesting and alias expansion", () => {
    expect(catchQueryError(() => parseQuery(`${"(".repeat(40)}a${")".repeat(40)}`)).problem).toBe("the query nests too deeply");
    const doubling = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`a${i}`, i === 0 ? "x y" : `@a${i - 1} @a${i - 1}`]));
    expect(catchQueryError(() => parseQuery("@a11", doubling)).problem).toMatch(/longer than 1000 terms/);
    expect(catchQueryError(() => parseQuery("a ".repeat(2_500))).problem).toMatch(/characters long/);
  });

  it("says which query failed when compiling many", () => {
    const error = catchQueryError(() =>
      compileMatcher({ queries: [{ id: "ai-chips", query: "H200" }, { id: "watch:12", query: "CAC AND" }] }),
    );
    expect(error).toMatchObject({ queryId: "watch:12", column: 7 });
    expect(error.message.split("\n")[0]).toBe('in query "watch:12": the query ends too early; expected a term, a "phrase", "(" or "@alias"');
  });

  it("refuses two queries with one id", () => {
    expect(() => compileMatcher({ queries: [{ id: "a", query: "x" }, { id: "a", query: "y" }] })).toThrow(/two queries have the id "a"/);
  });
});

function catchQueryError(run: () => unknown): QueryError {
  try {
    run();
  } catch (error) {
    if (error instanceof QueryError) return error;
    throw error;
  }
  throw new Error("expected a QueryError");
}
