import { describe, expect, it } from "vitest";
import { pickLead } from "../../src/cluster/index.js";
import { feedItem } from "../fixtures/cluster/feed-item.js";

const long = "A summary long enough to read as an entry in a digest, naming who did what and when it happened.";

const early = feedItem({ id: "early", sourceId: "blog", publishedAt: "2026-01-28T06:00:00Z", title: "t", summary: long });
const late = feedItem({ id: "late", sourceId: "wire", publishedAt: "2026-01-28T09:00:00Z", title: "t", summary: long });
const thin = feedItem({ id: "thin", sourceId: "agg", publishedAt: "2026-01-28T05:00:00Z", title: "t", summary: "Short." });
const undated = { ...feedItem({ id: "undated", sourceId: "agg", publishedAt: "2026-01-28T04:00:00Z", title: "t", summary: long }), dateMissing: true };

describe("pickLead", () => {
  it.each([
    ["the earliest of equally complete items", [late, early], {}, "blog:early"],
    ["a heavier source over an earlier one", [early, late], { wire: 2 }, "wire:late"],
    ["a complete item over an earlier thin one", [thin, early], {}, "blog:early"],
    ["a dated item over an earlier undated one", [undated, late], {}, "wire:late"],
    ["the only item", [thin], {}, "agg:thin"],
  ])("picks %s", (_case, items, sourceWeights, expected) => {
    expect(pickLead(items, { sourceWeights }).lead.key).toBe(expected);
  });

  it("lists the others best first, whatever the input order", () => {
    const one = pickLead([thin, late, early]);
    const two = pickLead([early, thin, late]);
    expect(one.others.map((item) => item.key)).toEqual(["wire:late", "agg:thin"]);
    expect(two).toEqual(one);
  });

  it("refuses an empty story", () => {
    expect(() => pickLead([])).toThrow(RangeError);
  });
});
