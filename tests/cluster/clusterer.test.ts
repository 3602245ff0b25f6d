import { describe, expect, it } from "vitest";
import { createClusterer, createMemoryClusterIndex, type ClusterIndexEntry } from "../../src/cluster/index.js";
import { feedItem } from "../fixtures/cluster/feed-item.js";

const approval = {
  title: "China lets ByteDance, Alibaba and Tencent buy Nvidia H200 chips",
  summary: "Beijing has approved purchases of more than 400,000 H200 processors by the three companies, attaching conditions to the approvals.",
};
const approvalElsewhere = {
  title: "Beijing approves over 400,000 H200 chips for ByteDance, Alibaba and Tencent",
  summary: "The conditional go-ahead lets the three tech giants buy the Nvidia chip that Washington cleared in December.",
};

function setup(windowHours?: number) {
  return createClusterer({ index: createMemoryClusterIndex(), ...(windowHours ? { windowHours } : {}) });
}

describe("createClusterer", () => {
  it("opens a story with the first item, named after its key", async () => {
    const clusterer = setup();
    const first = feedItem({ id: "a", publishedAt: "2026-01-28T06:00:00Z", ...approval });
    expect(await clusterer.assign(first)).toEqual({ clusterId: "wire:a", duplicateOf: null, isNewCluster: true, merged: [] });
  });

  it.each([
    ["a tracking-parameter copy", { url: "https://www.wire.example/news/a?utm_source=rss&utm_medium=feed" }],
    ["an AMP page", { url: "https://wire.example/news/a/amp" }],
    ["an AMP-cache mirror", { url: "https://www-wire-example.cdn.ampproject.org/c/s/www.wire.example/news/a" }],
    ["a re-issued guid under a new URL", { url: "https://www.wire.example/news/a-republished" }],
    ["a re-issued guid with no URL", { url: null, link: null }],
  ])("marks %s as a duplicate of the original", async (_case, fields) => {
    const clusterer = setup();
    await clusterer.assign(feedItem({ id: "a", publishedAt: "2026-01-28T06:00:00Z", ...approval }));
    const copy = feedItem({ id: "a-2", publishedAt: "2026-01-28T08:00:00Z", ...approval, ...fields });
    expect(await clusterer.assign(copy)).toEqual({ clusterId: "wire:a", duplicateOf: "wire:a", isNewCluster: false, merged: [] });
  });

  it("points a copy of a copy at the original", async () => {
    const clusterer = setup();
    await clusterer.assign(feedItem({ id: "a", publishedAt: "2026-01-28T06:00:00Z", ...approval }));
    await clusterer.assign(feedItem({ id: "b", publishedAt: "2026-01-28T07:00:00Z", ...approval, url: "https://www.wire.example/news/a?amp" }));
    const third = feedItem({ id: "c", publishedAt: "2026-01-28T08:00:00Z", ...approval, url: "https://m.wire.example/news/a" });
    expect((await clusterer.assign(third)).duplicateOf).toBe("wire:a");
  });

  it("does not treat different stories behind one section-page link as copies", async () => {
    const clusterer = setup();
    const link = "https://www.ministry.example/news";
    await clusterer.assign(feedItem({ id: "a", sourceId: "ministry", publishedAt: "2026-01-28T06:00:00Z", url: link, ...approval }));
    const other = feedItem({
      id: "b", sourceId: "ministry", publishedAt: "2026-01-28T09:00:00Z", url: link,
      title: "Ministry publishes rare earth export licence guidance for traders",
      summary: "Exporters of gallium and germanium items must file end-user certificates from next month.",
    });
    expect(await clusterer.assign(other)).toMatchObject({ duplicateOf: null, isNewCluster: true });
  });

  it("joins another outlet's account of the same event to the story", async () => {
    const clusterer = setup();
    await clusterer.assign(feedItem({ id: "a", publishedAt: "2026-01-28T06:00:00Z", ...approval }));
    const other = feedItem({ id: "b", sourceId: "chips", publishedAt: "2026-01-28T09:00:00Z", ...approvalElsewhere });
    expect(await clusterer.assign(other)).toEqual({ clusterId: "wire:a", duplicateOf: null, isNewCluster: false, merged: [] });
  });

  it.each([
    ["a follow-up on the same topic", "Nvidia asks TSMC to make more H200 chips as demand grows", "The chipmaker placed extra wafer orders with its Taiwanese supplier, people familiar with the matter said."],
    ["an unrelated story", "Typhoon warning for Hong Kong as storm nears", "The observatory raised the No. 8 signal as the storm approached from the east."],
    ["a look-alike about another index", "CAC 40 closes higher as luxury stocks rally", "The Paris benchmark gained 1.1% on Friday, led by LVMH and Kering."],
  ])("keeps %s apart", async (_case, title, summary) => {
    const clusterer = setup();
    await clusterer.assign(feedItem({ id: "a", publishedAt: "2026-01-28T06:00:00Z", ...approval }));
    await clusterer.assign(feedItem({ id: "b", sourceId: "chips", publishedAt: "2026-01-28T09:00:00Z", ...approvalElsewhere }));
    const next = feedItem({ id: "c", sourceId: "markets", publishedAt: "2026-01-29T12:00:00Z", title, summary });
    expect(await clusterer.assign(next)).toEqual({ clusterId: "markets:c", duplicateOf: null, isNewCluster: true, merged: [] });
  });

  it.each([
    [72, "2026-01-31T05:00:00Z", "wire:a"],
    [72, "2026-01-31T07:00:00Z", "chips:b"],
    [24, "2026-01-29T05:00:00Z", "wire:a"],
    [24, "2026-01-29T07:00:00Z", "chips:b"],
  ])("with a %i-hour window, an item published at %s joins %s", async (windowHours, publishedAt, expected) => {
    const clusterer = setup(windowHours);
    await clusterer.assign(feedItem({ id: "a", publishedAt: "2026-01-28T06:00:00Z", ...approval }));
    // Same headline, new URL: past the window it is neither a copy nor part of the old story.
    const later = feedItem({ id: "b", sourceId: "chips", publishedAt, ...approval });
    expect((await clusterer.assign(later)).clusterId).toBe(expected);
  });

  it("measures the window from the story's first item, so a story cannot creep on for days", async () => {
    const clusterer = setup(24);
    await clusterer.assign(feedItem({ id: "a", publishedAt: "2026-01-28T06:00:00Z", ...approval }));
    await clusterer.assign(feedItem({ id: "b", sourceId: "chips", publishedAt: "2026-01-29T04:00:00Z", ...approvalElsewhere }));
    const third = feedItem({
      id: "c", sourceId: "markets", publishedAt: "2026-01-29T08:00:00Z",
      title: "ByteDance, Alibaba and Tencent cleared to buy Nvidia H200 chips",
      summary: "Beijing approved more than 400,000 H200 processors for the three companies.",
    });
    // Within a day of the second item, but more than a day after the story opened.
    expect((await clusterer.assign(third)).clusterId).toBe("markets:c");
  });

  it("answers the same when an item is assigned twice", async () => {
    const clusterer = setup();
    const first = feedItem({ id: "a", publishedAt: "2026-01-28T06:00:00Z", ...approval });
    await clusterer.assign(first);
    const second = feedItem({ id: "b", sourceId: "chips", publishedAt: "2026-01-28T09:00:00Z", ...approvalElsewhere });
    const answer = await clusterer.assign(second);
    expect(await clusterer.assign(second)).toEqual(answer);
    expect(await clusterer.assign(first)).toEqual({ clusterId: "wire:a", duplicateOf: null, isNewCluster: false, merged: [] });
  });

  it.each([
    ["an empty title and summary", "", ""],
    ["punctuation only", "!!! ???", "..."],
  ])("gives an item with %s a story of its own", async (_case, title, summary) => {
    const clusterer = setup();
    await clusterer.assign(feedItem({ id: "a", publishedAt: "2026-01-28T06:00:00Z", title: "", summary: "" }));
    const item = feedItem({ id: "b", sourceId: "chips", publishedAt: "2026-01-28T07:00:00Z", title, summary });
    expect(await clusterer.assign(item)).toMatchObject({ clusterId: "chips:b", isNewCluster: true });
  });

  it("rejects an item without a usable date", async () => {
    await expect(setup().assign(feedItem({ id: "a", publishedAt: "soon", ...approval }))).rejects.toThrow(RangeError);
  });
  it("makes no lookup keys from the stream's commonest words", async () => {
    const word = (n: number) => `w${n.toString(36)}x`;
    const at = (minute: number) => new Date(Date.parse("2026-01-28T00:00:00Z") + minute * 60_000).toISOString();
    /**
     * The keys saved for `title` after 150 unrelated items that all say "China" and "chip", each
     * counted as a hundred (common words are judged only once 1% of the stream is 100 items).
     */
    async function keysOf(title: string): Promise<readonly number[]> {
      const inner = createMemoryClusterIndex();
      const saved: Array<readonly number[]> = [];
      const index = {
        ...inner,
        save: async (entry: ClusterIndexEntry) => void (saved.push(entry.bandKeys), await inner.save(entry)),
        documentFrequencies: async (features: Uint32Array) => {
          const { documents, counts } = await inner.documentFrequencies(features);
          return { documents: documents * 100, counts: counts.map((count) => count * 100) };
        },
      };
      const clusterer = createClusterer({ index });
      for (let n = 0; n < 150; n++) {
        const own = Array.from({ length: 30 }, (_, k) => word(n * 30 + k)).join(" ");
        await clusterer.assign(feedItem({ id: `i${n}`, sourceId: `s${n % 40}`, publishedAt: at(n), title: `China chip ${own}`, summary: "" }));
      }
      await clusterer.assign(feedItem({ id: "new", sourceId: "s1", publishedAt: at(200), title, summary: "" }));
      return saved.at(-1)!;
    }
    const own = Array.from({ length: 30 }, (_, k) => word(90_000 + k)).join(" ");
    expect(await keysOf(`China chip ${own}`)).toEqual(await keysOf(own));
  });

  it("joins two Chinese reports of one event and keeps an unrelated one apart", async () => {
    const clusterer = setup();
    const first = feedItem({ id: "zh-a", sourceId: "xinhua", language: "zh", publishedAt: "2023-04-11T09:00:00Z", title: "网信办发布生成式人工智能服务管理办法征求意见稿" });
    const second = feedItem({ id: "zh-b", sourceId: "zhongxin", language: "zh", publishedAt: "2023-04-11T10:00:00Z", title: "国家网信办就生成式人工智能服务管理办法公开征求意见" });
    const other = feedItem({ id: "zh-c", sourceId: "caixin", language: "zh", publishedAt: "2023-04-11T11:00:00Z", title: "商务部回应美国芯片出口管制新规" });
    expect(await clusterer.assign(first)).toMatchObject({ isNewCluster: true });
    expect(await clusterer.assign(second)).toMatchObject({ clusterId: "xinhua:zh-a", isNewCluster: false });
    expect(await clusterer.assign(other)).toMatchObject({ clusterId: "caixin:zh-c", isNewCluster: true });
  });

  it("merges two stories an item shows to be one, named after the earlier", async () => {
    const clusterer = setup();
    await clusterer.assign(feedItem({ id: "a", sourceId: "one", publishedAt: "2014-03-11T09:00:00Z", title: "Men's Wearhouse agrees to buy Jos. A. Bank" }));
    await clusterer.assign(feedItem({ id: "b", sourceId: "two", publishedAt: "2014-03-11T10:00:00Z", title: "Jos A. Bank deal worth $1.8 billion ends takeover fight" }));
    const bridge = feedItem({ id: "c", sourceId: "three", publishedAt: "2014-03-11T11:00:00Z", title: "Men's Wearhouse buys Jos. A. Bank in $1.8 billion deal, ending takeover fight" });
    expect(await clusterer.assign(bridge)).toEqual({ clusterId: "one:a", duplicateOf: null, isNewCluster: false, merged: ["two:b"] });
  });

  it("puts an item close to two unlike stories in the closer one and merges neither", async () => {
    const clusterer = setup();
    await clusterer.assign(feedItem({ id: "a", sourceId: "one", publishedAt: "2025-09-17T06:00:00Z", title: "Nvidia earnings beat forecasts as data centre sales soar" }));
    await clusterer.assign(feedItem({ id: "b", sourceId: "two", publishedAt: "2025-09-17T07:00:00Z", title: "Huawei unveils Ascend chip roadmap to rival Nvidia" }));
    // Close enough to each story to join it, but the two stories share only "Nvidia".
    const both = feedItem({ id: "c", sourceId: "three", publishedAt: "2025-09-17T08:00:00Z", title: "Nvidia earnings beat forecasts; Huawei unveils Ascend chip roadmap" });
    expect(await clusterer.assign(both)).toEqual({ clusterId: "two:b", duplicateOf: null, isNewCluster: false, merged: [] });
  });

  it.each([
    ["another outlet's report joins the story", "other", "wire:a"],
    ["the same outlet's next report, no closer, opens its own", "wire", "wire:b"],
  ])("of a reply to an event, %s", async (_case, sourceId, expected) => {
    const clusterer = setup();
    await clusterer.assign(feedItem({ id: "a", sourceId: "wire", publishedAt: "2025-07-31T10:00:00Z", title: "Regulator summons Nvidia over H20 chip security risks in Beijing meeting with officials" }));
    const reply = feedItem({ id: "b", sourceId, publishedAt: "2025-08-01T04:00:00Z", title: "Nvidia denies H20 security backdoor claims, says products carry no kill switch or spyware" });
    expect((await clusterer.assign(reply)).clusterId).toBe(expected);
  });
});
