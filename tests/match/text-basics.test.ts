import { describe, expect, it } from "vitest";
import { normaliseForMatch } from "../../src/match/index.js";
import { pluralForms, stem } from "../../src/match/stem.js";
import { termTokens } from "../../src/match/term-tokens.js";

describe("normaliseForMatch", () => {
  it.each([
    ["plain ASCII stays as it is", "plain ASCII stays as it is"],
    ["Ｈ２００", "H200"],
    ["ｶﾀｶﾅ", "カタカナ"],
    ["C\u200BA\u200CC\u200D", "CAC"],
    ["\u202Eevil\u202C \u2066x\u2069", "evil x"],
    ["soft\u00ADhyphen", "softhyphen"],
    ["\uFEFFBOM", "BOM"],
    ["ﬁnance", "finance"],
    ["Ⅻ ①", "XII 1"],
    ["café", "café"],
  ])("%j → %j", (text, expected) => {
    expect(normaliseForMatch(text)).toBe(expected);
  });
});

describe("stem and pluralForms", () => {
  it.each([
    ["controls", "control"],
    ["policies", "policy"],
    ["approaches", "approach"],
    ["businesses", "business"],
    ["boxes", "box"],
    ["caches", "cach"],
    ["cache", "cach"],
    ["movies", "movy"],
    ["gpus", "gpu"],
    ["status", "status"],
    ["analysis", "analysis"],
    ["news", "news"],
    ["series", "series"],
    ["gas", "gas"],
  ])("stem(%s) = %s", (word, key) => {
    expect(stem(word)).toBe(key);
  });

  it.each(["control", "controls", "policy", "policies", "cache", "caches", "approach", "approaches", "movie", "movies", "box", "boxes", "class", "classes", "rule", "rules", "news", "ideas"])(
    "pluralForms(stem(%s)) includes it, and every form has that stem",
    (word) => {
      const forms = pluralForms(stem(word));
      expect(forms).toContain(word);
      for (const form of forms) expect(stem(form)).toBe(stem(word));
    },
  );
});

describe("termTokens", () => {
  it.each([
    ["H200", ["H:letter:cs", "200:digit"]],
    ["H-200", ["H:letter:cs", "200:digit"]],
    ["Nvidia", ["Nvidia:letter"]],
    ["NVIDIA", ["NVIDIA:letter"]],
    ["CAC 40", ["CAC:letter:cs", "40:digit"]],
    ["China's", ["China:letter", "s:letter"]],
    ["网信办", ["网:cjk", "信:cjk", "办:cjk"]],
    ["AI芯片", ["AI:letter:cs", "芯:cjk", "片:cjk"]],
  ])("%s → %j", (term, tokens) => {
    expect(termTokens(term).map((t) => `${t.text}:${t.kind}${t.caseSensitive ? ":cs" : ""}`)).toEqual(tokens);
  });
});
