import { describe, expect, it } from "vitest";
import { choiceProblems, messageProblems } from "../../fakes/fake-discord-limits.js";

const embed = (fields: object = {}) => ({ title: "t", description: "d", ...fields });

describe("the fake Discord's limits (what the real API answers 400 to)", () => {
  it.each<[string, Record<string, unknown>]>([
    ["content over 2,000", { content: "x".repeat(2001) }],
    ["11 embeds", { embeds: Array.from({ length: 11 }, () => embed()) }],
    ["6,001 characters across embeds", { embeds: [embed({ description: "x".repeat(4000) }), embed({ description: "x".repeat(1999) })] }],
    ["a 257-character title", { embeds: [embed({ title: "x".repeat(257) })] }],
    ["a 4,097-character description", { embeds: [embed({ description: "x".repeat(4097) })] }],
    ["26 fields", { embeds: [embed({ fields: Array.from({ length: 26 }, () => ({ name: "n", value: "v" })) })] }],
    ["a 1,025-character field value", { embeds: [embed({ fields: [{ name: "n", value: "x".repeat(1025) }] })] }],
    ["a 2,049-character footer", { embeds: [embed({ footer: { text: "x".repeat(2049) } })] }],
  ])("refuses %s", (_name, body) => {
    expect(messageProblems(body)).not.toEqual([]);
  });

  it("takes a message at the limits, counting characters rather than UTF-16 units", () => {
    expect(messageProblems({ content: "😀".repeat(2000), embeds: Array.from({ length: 10 }, () => embed({ description: "x".repeat(590) })) })).toEqual([]);
  });

  it("checks autocomplete choices", () => {
    expect(choiceProblems(Array.from({ length: 26 }, (_, i) => ({ name: `n${i}`, value: `v${i}` })))).not.toEqual([]);
    expect(choiceProblems([{ name: "", value: "v" }])).not.toEqual([]);
    expect(choiceProblems([{ name: "w1: H200", value: "w1" }])).toEqual([]);
  });
});
