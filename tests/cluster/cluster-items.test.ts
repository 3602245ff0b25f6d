import { describe, expect, it } from "vitest";
import { clusterItems } from "../../src/cluster/index.js";
import { feedItem } from "../fixtures/cluster/feed-item.js";

const approval = {
  title: "China lets ByteDance, Alibaba and Tencent buy Nvidia H200 chips",
  summary: "Beijing has approved purchases of more than 400,000 H200 processors by the three companies, attaching conditions to the approvals.",
};

describe("clusterItems", () => {
  it("names each story after its earliest item and answers in input order", async () => {
    const later = feedItem({ id: "b", publishedAt: "2026-01-28T09:00:00Z", ...approval, url: "https://www.wire.example/news/a?utm_source=x" });
    const earlier = feedItem({ id: "a", publishedAt: "2026-01-28T06:00:00Z", ...approval });
    const other = feedItem({ id: "c", publishedAt: "2026-01-28T07:00:00Z", title: "Typhoon nears Hong Kong", summary: "Signal No. 8 is up." });
    expect(await clusterItems([later, earlier, other])).toEqual([
      { id: "b", key: "wire:b", cluster: "wire:a", duplicateOf: "wire:a" },
      { id: "a", key: "wire:a", cluster: "wire:a", duplicateOf: null },
      { id: "c", key: "wire:c", cluster: "wire:c", duplicateOf: null },
    ]);
  });

  it.each([
    ["no key", {}, "wire:a"],
    ["its own key", { key: "custom" }, "custom"],
  ])("keys an item with %s", async (_case, extra, expected) => {
    const { key: _key, ...item } = feedItem({ id: "a", publishedAt: "2026-01-28T06:00:00Z", ...approval });
    const [result] = await clusterItems([{ ...item, ...extra }]);
    expect(result).toMatchObject({ key: expected, cluster: expected });
  });

  it("starts from nothing on every call", async () => {
    const item = feedItem({ id: "a", publishedAt: "2026-01-28T06:00:00Z", ...approval });
    expect(await clusterItems([item])).toEqual(await clusterItems([item]));
  });
});
