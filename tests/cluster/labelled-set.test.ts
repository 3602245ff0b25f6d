import { describe, expect, it } from "vitest";
import { bcubedScores } from "../../src/cluster/bcubed-scores.js";
import { clusterItems } from "../../src/cluster/index.js";
import { pairwiseScores } from "../../src/cluster/pairwise-scores.js";
import { goldCluster, loadLabelledSet } from "../fixtures/cluster/labelled-set.js";

describe("clustering the labelled set", () => {
  const items = loadLabelledSet();

  it("has several hundred items covering the hard cases", () => {
    expect(items.length).toBeGreaterThanOrEqual(300);
    expect(new Set(items.map((item) => item.language))).toEqual(new Set(["en", "zh"]));
  });

  it("keeps BCubed precision and F1 at 0.9 or above", async () => {
    const predicted = (await clusterItems(items)).map((result) => result.cluster);
    const scores = bcubedScores(predicted, items.map((item) => goldCluster(item)));
    expect(scores.precision).toBeGreaterThanOrEqual(0.9);
    expect(scores.f1).toBeGreaterThanOrEqual(0.9);
  });

  it("keeps pairwise precision at 0.9 and pairwise F1 at 0.88 or above", async () => {
    // Pairs weigh a big wrong story by the square of its size: the guard against merging an
    // event with the next day's reaction to it (docs/clustering.md).
    const predicted = (await clusterItems(items)).map((result) => result.cluster);
    const scores = pairwiseScores(predicted, items.map((item) => goldCluster(item)), items.map((item) => goldCluster(item, true)));
    expect(scores.precision).toBeGreaterThanOrEqual(0.9);
    expect(scores.f1).toBeGreaterThanOrEqual(0.88);
  });

  it("collapses every URL variant and re-issued copy into its original's story", async () => {
    const results = await clusterItems(items);
    const byKey = new Map(results.map((result) => [result.key, result]));
    const copies = results.filter((result) => result.duplicateOf !== null);
    expect(copies.length).toBeGreaterThan(40);
    for (const copy of copies) expect(byKey.get(copy.duplicateOf!)?.cluster).toBe(copy.cluster);
  });
});
