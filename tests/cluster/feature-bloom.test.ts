import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { featureBloom, sharedWeightBound } from "../../src/cluster/feature-bloom.js";

const sortedSet = (values: number[]) => Uint32Array.from(new Set(values)).sort();

describe("sharedWeightBound", () => {
  it("is never below the weight an item really shares with the set", () => {
    const hash = fc.integer({ min: 0, max: 0xffffffff });
    fc.assert(
      fc.property(fc.array(hash, { maxLength: 300 }), fc.array(fc.tuple(hash, fc.double({ min: 0, max: 12, noNaN: true })), { maxLength: 60 }), (profileHashes, item) => {
        const profile = sortedSet(profileHashes);
        const features = Uint32Array.from(item, ([feature]) => feature);
        const weights = Float64Array.from(item, ([, weight]) => weight);
        const inProfile = new Set(profile);
        const shared = item.reduce((total, [feature, weight]) => total + (inProfile.has(feature) ? weight : 0), 0);
        expect(sharedWeightBound(featureBloom(profile), features, weights)).toBeGreaterThanOrEqual(shared - 1e-9);
      }),
    );
  });

  it("turns away most features a small set does not hold", () => {
    const profile = sortedSet(Array.from({ length: 40 }, (_, i) => Math.imul(i + 1, 0x9e3779b1) >>> 0));
    const others = Uint32Array.from({ length: 1000 }, (_, i) => Math.imul(i + 5000, 0x85ebca6b) >>> 0);
    const passed = sharedWeightBound(featureBloom(profile), others, new Float64Array(1000).fill(1));
    expect(passed).toBeLessThan(200);
  });
});
