import { describe, expect, it } from "vitest";
import { pairwiseScores } from "../../src/cluster/pairwise-scores.js";

describe("pairwiseScores", () => {
  it.each([
    ["a perfect clustering", ["x", "x", "y"], ["a", "a", "b"], 1, 1],
    ["everything merged", ["x", "x", "x"], ["a", "a", "b"], 1 / 3, 1],
    ["everything split", ["x", "y", "z"], ["a", "a", "b"], 1, 0],
    ["one wrong merge of four pairs", ["x", "x", "x", "y"], ["a", "a", "b", "c"], 1 / 3, 1],
  ])("scores %s", (_case, predicted, gold, precision, recall) => {
    const scores = pairwiseScores(predicted, gold);
    expect(scores.precision).toBeCloseTo(precision);
    expect(scores.recall).toBeCloseTo(recall);
  });

  it("leaves tolerated pairs out of both sides", () => {
    // Items 0 and 1 report one event in two languages: merged or not, the score is the same.
    const gold = ["e/en", "e/zh", "e/en"];
    const events = ["e", "e", "e"];
    expect(pairwiseScores(["x", "x", "x"], gold, events)).toMatchObject({ precision: 1, recall: 1, predictedPairs: 1 });
    expect(pairwiseScores(["x", "y", "x"], gold, events)).toMatchObject({ precision: 1, recall: 1 });
  });
});
