import { describe, expect, it } from "vitest";
import { ftsTermsOf, parseQuery } from "../../src/match/index.js";

describe("ftsTermsOf", () => {
  it.each([
    ["H200", [["H200"], ["H 200"]]],
    ["H-200", [["H200"], ["H 200"]]],
    ['"export controls"', [["export controls"]]],
    ["export controls", [["export", "controls"]]],
    ['"export controls" OR 出口管制', [["export controls"], ["出口管制"]]],
    ["(CAC OR 网信办) AND (AI OR 人工智能)", [["CAC", "AI"], ["CAC", "人工智能"], ["网信办", "AI"], ["网信办", "人工智能"]]],
    ['CAC -"CAC 40"', [["CAC"]]],
    ["title:Nvidia NEAR/3 China", [["Nvidia", "China"]]],
    ["source:bis-rules", []],
    ["source:bis-rules rules", [["rules"]]],
    ["rules OR source:bis-rules", []],
    ["Ｈ２００ chips", [["H200", "chips"], ["H 200", "chips"]]],
    ["@cac", [["CAC"], ["Cyberspace Administration of China"], ["网信办"]]],
  ])("%s → %j", (query, alternatives) => {
    expect(ftsTermsOf(parseQuery(query, { cac: 'CAC | "Cyberspace Administration of China" | 网信办' }))).toEqual(alternatives);
  });

  it("keeps the narrowest side when an AND would multiply out past 64 alternatives", () => {
    const or = (prefix: string, n: number) => `(${Array.from({ length: n }, (_, i) => `${prefix}${"xyzuvwpqr"[i]}`).join(" OR ")})`;
    const alternatives = ftsTermsOf(parseQuery(`${or("a", 9)} ${or("b", 8)} ${or("c", 3)}`));
    expect(alternatives).toEqual([["cx"], ["cy"], ["cz"]]);
  });
});
