import { describe, expect, it } from "vitest";
import type { MatchableItem } from "../../src/domain/match.js";
import { matches } from "./match-helpers.js";

describe("plurals", () => {
  it.each([
    ["control", "new controls on chips", true],
    ["controls", "a control on chips", true],
    ["policy", "two policies", true],
    ["policies", "one policy", true],
    ["approach", "new approaches", true],
    ["business", "small businesses", true],
    ["tax", "new taxes", true],
    ["cache", "browser caches", true],
    ["movie", "two movies", true],
    ["GPU", "more GPUs", true],
    ["rule", "the ruler", false],
    ["new", "the news today", false],
    ["status", "statu", false],
    ["chip", "chipset makers", false],
  ])("%s in %j → %s", (query, title, expected) => {
    expect(matches(query, title)).toBe(expected);
  });
});

describe("phrases and separate words", () => {
  it.each([
    ['"export controls"', "US export controls tightened", true],
    ['"export controls"', "export, controls", true],
    ['"export controls"', "export new controls", false],
    ['"export controls"', "controls export", false],
    ["export controls", "controls on what they export", true],
    ["export AND controls", "export only", false],
    ['"Cyberspace Administration of China"', "the Cyberspace Administration of China said", true],
    ['"Cyberspace Administration of China"', "the Cyberspace Administration in China said", false],
    ["e-commerce", "e commerce rules", true],
    ["e-commerce", "ecommerce rules", false],
  ])("%s in %j → %s", (query, title, expected) => {
    expect(matches(query, title)).toBe(expected);
  });
});

describe("case", () => {
  it.each([
    ["nvidia", "NVIDIA shares", true],
    ["Nvidia", "nvidia shares", true],
    ["NVIDIA", "Nvidia shares", true], // six letters: not a short acronym, so case is ignored
    ["BIS", "the BIS rule", true],
    ["BIS", "bis repetita", false],
    ["AI", "ai generated", false],
    ['"CAC 40"', "cac 40 closes", false],
    ['"AI chips"', "AI CHIPS", true],
  ])("%s in %j → %s", (query, title, expected) => {
    expect(matches(query, title)).toBe(expected);
  });
});

describe("NEAR", () => {
  it.each([
    ["Nvidia NEAR/3 China", "Nvidia sells chips to China", true], // 3 words between
    ["Nvidia NEAR/2 China", "Nvidia sells chips to China", false],
    ["China NEAR/3 Nvidia", "Nvidia sells chips to China", true], // either order
    ["Nvidia NEAR/0 China", "Nvidia China deal", true],
    ['"export controls" NEAR/2 chips', "export controls on AI chips", true],
    ["(H200 OR H20) NEAR/1 China", "sales of H20 to China", true],
    ["Nvidia NEAR/5 China", { title: "Nvidia", summary: "China" }, false], // not across fields
    ["出口 NEAR/2 管制", "出口与管制", true], // each CJK character is a word
    ["CAC NEAR/3 CAC", "the CAC said", false], // two occurrences needed
    ["CAC NEAR/3 CAC", "the CAC and the CAC", true],
  ])("%s in %j → %s", (query, fields, expected) => {
    expect(matches(query, fields as Partial<MatchableItem> | string)).toBe(expected);
  });
});

describe("field scopes and sources", () => {
  it.each([
    ["title:H200", { title: "H200 approved" }, true],
    ["title:H200", { summary: "H200 approved" }, false],
    ['title:"export controls"', { title: "export controls", content: "other" }, true],
    ["title:(H200 OR H20) China", { title: "H20 deal", content: "China" }, true],
    ["source:bis-rules", { sourceId: "bis-rules" }, true],
    ["source:BIS-Rules", { sourceId: "bis-rules" }, true],
    ["source:bis-rules H200", { sourceId: "other", title: "H200" }, false],
    ["H200 -source:tabloid", { sourceId: "tabloid", title: "H200" }, false],
    ["H200 -source:tabloid", { sourceId: "reuters", title: "H200" }, true],
  ])("%s on %j → %s", (query, fields, expected) => {
    expect(matches(query, fields)).toBe(expected);
  });
});

describe("aliases", () => {
  const aliases = {
    cac: 'CAC | "Cyberspace Administration of China" | 网信办',
    "@Index": '"CAC 40" | CAC40',
    regulator: "@cac -@index",
  };
  it.each([
    ["@cac", "网信办发布", true],
    ["@CAC", "the CAC said", true],
    ["@cac AI", "the CAC said", false],
    ["@regulator", "the CAC 40 fell", false],
    ["@regulator", "the CAC said", true],
    ["title:@cac", { summary: "the CAC said" }, false],
    ["H200 -@index", "H200 lifts the CAC 40", false],
  ])("%s on %j → %s", (query, fields, expected) => {
    expect(matches(query, fields, aliases)).toBe(expected);
  });
});

describe("NOT, per occurrence", () => {
  it.each([
    ['CAC -"CAC 40"', "CAC 40 falls", false],
    ['CAC -"CAC 40"', "the CAC drafts rules", true],
    ['CAC -"CAC 40"', "the CAC 40 falls; the CAC drafts rules", true],
    ['CAC -"CAC 40"', { title: "CAC 40 falls", content: "the CAC drafts rules" }, true],
    ['CAC -"CAC 40"', { title: "CAC 40 falls", content: "CAC 40 again" }, false],
    ['(CAC OR 网信办) -"CAC 40"', "CAC 40 falls", false],
    ['(CAC OR 网信办) -"CAC 40"', "CAC 40 falls, 网信办 drafts rules", true],
    ['CAC AI -"CAC 40"', "AI lifts the CAC 40", false],
    ['AI -"CAC 40"', "AI lifts the CAC 40", false],
    ["chips -potato", "potato chips", false],
    ["chips NOT (potato OR snack)", "snack chips", false],
    ['"export controls" -export', "export controls", false],
    ["(CAC NEAR/3 rules) -\"CAC 40\"", "CAC 40 rules", false],
  ])("%s on %j → %s", (query, fields, expected) => {
    expect(matches(query, fields as Partial<MatchableItem> | string)).toBe(expected);
  });
});

describe("text hygiene", () => {
  it.each([
    ["H200", "Ｈ２００ chips", true],
    ["Ｈ２００", "H200 chips", true],
    ["CAC", "the C\u200DAC said", true],
    ["CAC", "the \u202ECAC\u202C said", true],
    ["café", "CAFÉ society", true],
    ["カタカナ", "ｶﾀｶﾅ", true], // half-width katakana is NFKC-folded
    ["𠀀", "字𠀀字", true], // a supplementary-plane ideograph
    ["수출", "수출통제를", true],
  ])("%s on %j → %s", (query, title, expected) => {
    expect(matches(query, title)).toBe(expected);
  });
});
