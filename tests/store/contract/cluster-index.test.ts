import { describe, expect, it } from "vitest";
import { clusterItems, clusterOrder, createClusterer, createMemoryClusterIndex, type ClusterAssignment, type ClusterIndex } from "../../../src/cluster/index.js";
import { freshStoreEach, storeEngines } from "../../fakes/store-engines.js";
import { loadLabelledSet } from "../../fixtures/cluster/labelled-set.js";
import { feedItem } from "../../fixtures/cluster/feed-item.js";

const approval = {
  title: "China lets ByteDance, Alibaba and Tencent buy Nvidia H200 chips",
  summary: "Beijing has approved purchases of more than 400,000 H200 processors by the three companies, attaching conditions to the approvals.",
};
const approvalElsewhere = {
  title: "Beijing approves over 400,000 H200 chips for ByteDance, Alibaba and Tencent",
  summary: "The conditional go-ahead lets the three tech giants buy the Nvidia chip that Washington cleared in December.",
};

const engines = ["memory", ...storeEngines] as const;

describe.each(engines)("the %s cluster index", (engine) => {
  const db = engine === "memory" ? null : freshStoreEach(engine);
  const makeIndex = (): ClusterIndex => (db ? db().clusterIndex() : createMemoryClusterIndex());

  const cluster = (id: string, startMs: number) => ({
    id,
    startMs,
    centroid: { features: Uint32Array.of(1, 2, 4_000_000_000), weights: Float64Array.of(1.5, 0.25, 3), norm: 3.36 },
    members: [Uint32Array.of(1, 2, 4_000_000_000), Uint32Array.of(2)],
    sources: ["wire"],
    size: 2,
  });
  const entry = (id: string, startMs: number, bandKeys: number[]) => ({
    item: { key: id, clusterId: id, duplicateOf: null, publishedMs: startMs },
    identities: [`k:${id}`],
    cluster: cluster(id, startMs),
    absorbed: [] as string[],
    bandKeys,
    features: Uint32Array.of(1, 2, 4_000_000_000),
  });

  it("returns a stored cluster as it was saved, unsigned hashes and negative keys included", async () => {
    const index = makeIndex();
    await index.save(entry("s:1", 1_000, [-5, 7]));
    expect(await index.findClusters([-5], 0, 2_000, 16)).toEqual([cluster("s:1", 1_000)]);
    expect(await index.findItem("k:s:1")).toEqual({ item: entry("s:1", 1_000, []).item, cluster: cluster("s:1", 1_000) });
  });

  it.each([
    ["before the range", 0, 999],
    ["after the range", 1_001, 5_000],
  ])("leaves out a cluster that started %s", async (_case, fromMs, toMs) => {
    const index = makeIndex();
    await index.save(entry("s:1", 1_000, [7]));
    expect(await index.findClusters([7], fromMs, toMs, 16)).toEqual([]);
  });

  it("skips a key that more clusters share than maxPerKey", async () => {
    const index = makeIndex();
    for (const n of [1, 2, 3]) await index.save(entry(`s:${n}`, 1_000 + n, [7, 100 + n]));
    expect(await index.findClusters([7], 0, 5_000, 2)).toEqual([]);
    expect((await index.findClusters([7], 0, 5_000, 3)).map((c) => c.id).sort()).toEqual(["s:1", "s:2", "s:3"]);
    expect((await index.findClusters([7, 101], 0, 5_000, 2)).map((c) => c.id)).toEqual(["s:1"]);
  });

  it("leaves out clusters found by fewer than minKeys keys, a skipped key counting as found", async () => {
    const index = makeIndex();
    await index.save(entry("s:1", 1_000, [1]));
    await index.save(entry("s:2", 1_001, [1, 2, 3]));
    await index.save(entry("s:3", 1_002, [1, 3, 9]));
    await index.save(entry("s:4", 1_003, [9]));
    expect((await index.findClusters([1, 2, 3], 0, 5_000, 16, 2)).map((c) => c.id)).toEqual(["s:2", "s:3"]);
    expect((await index.findClusters([1, 2, 3, 9], 0, 5_000, 2, 3)).map((c) => c.id)).toEqual(["s:2", "s:3"]);
  });

  it("returns the clusters found by more of the keys first", async () => {
    const index = makeIndex();
    await index.save(entry("s:1", 1_000, [1]));
    await index.save(entry("s:2", 1_001, [1, 2, 3]));
    await index.save(entry("s:3", 1_002, [1, 3]));
    expect((await index.findClusters([1, 2, 3], 0, 5_000, 16)).map((c) => c.id)).toEqual(["s:2", "s:3", "s:1"]);
  });

  it("forgets the keys of clusters that started before a prune, and finds those saved after", async () => {
    const index = makeIndex();
    for (let n = 0; n < 10; n++) await index.save(entry(`s:${n}`, 1_000 * n, [7, 100 + n]));
    await index.prune(10_000);
    expect(await index.findClusters([7, 102], 0, 20_000, 16)).toEqual([]);
    await index.save(entry("s:10", 10_000, [7]));
    expect((await index.findClusters([7], 0, 20_000, 16)).map((c) => c.id)).toEqual(["s:10"]);
    expect(await index.findItem("k:s:2")).toMatchObject({ item: { key: "s:2" } });
  });

  it("finds a merged story as the one it joined, by its items and by its keys", async () => {
    const index = makeIndex();
    await index.save(entry("s:1", 1_000, [7]));
    await index.save(entry("s:2", 2_000, [8]));
    await index.save({ ...entry("s:3", 3_000, [9]), cluster: { ...cluster("s:1", 1_000), size: 5 }, absorbed: ["s:2"], item: { key: "s:3", clusterId: "s:1", duplicateOf: null, publishedMs: 3_000 } });
    expect((await index.findItem("k:s:2"))?.item.clusterId).toBe("s:1");
    expect((await index.findItem("k:s:2"))?.cluster.size).toBe(5);
    expect((await index.findClusters([8], 0, 5_000, 16)).map((c) => c.id)).toEqual(["s:1"]);
    expect((await index.findClusters([7, 8, 9], 0, 5_000, 16)).map((c) => c.id)).toEqual(["s:1"]);
  });

  it("runs one assignment at a time", async () => {
    const index = makeIndex();
    const order: string[] = [];
    const slow = index.serially(async () => {
      order.push("a starts");
      await new Promise((resolve) => setTimeout(resolve, 5));
      order.push("a ends");
    });
    const quick = index.serially(async () => {
      order.push("b");
    });
    await Promise.all([slow, quick]);
    expect(order).toEqual(["a starts", "a ends", "b"]);
  });

  it("counts document frequencies of the items it saved", async () => {
    const index = makeIndex();
    await index.save(entry("s:1", 1_000, []));
    await index.save({ ...entry("s:2", 2_000, []), features: Uint32Array.of(2) });
    await index.save({ ...entry("s:3", 3_000, []), cluster: null, features: new Uint32Array(0) });
    expect(await index.documentFrequencies(Uint32Array.of(1, 2, 3, 4_000_000_000))).toEqual({ documents: 2, counts: [1, 2, 0, 1] });
  });

  it("answers an identity with the most recently published item that holds it", async () => {
    const index = makeIndex();
    await index.save({ ...entry("s:2", 2_000, []), identities: ["u:example.com/a"] });
    await index.save({ ...entry("s:1", 1_000, []), identities: ["u:example.com/a"] });
    expect((await index.findItem("u:example.com/a"))?.item.key).toBe("s:2");
    expect(await index.findItem("u:example.com/b")).toBeNull();
  });
});

describe.each(storeEngines)("the %s cluster index, shared", (engine) => {
  const db = freshStoreEach(engine);

  it("keeps stories, copies and re-assignments for another index on the same database (a restart, another worker)", async () => {
    const first = createClusterer({ index: db().clusterIndex() });
    expect(await first.assign(feedItem({ id: "a", publishedAt: "2026-01-28T06:00:00Z", ...approval }))).toMatchObject({ isNewCluster: true });

    const after = createClusterer({ index: await db().anotherClusterIndex() });
    const other = feedItem({ id: "b", sourceId: "chips", publishedAt: "2026-01-28T09:00:00Z", ...approvalElsewhere });
    expect(await after.assign(other)).toEqual({ clusterId: "wire:a", duplicateOf: null, isNewCluster: false, merged: [] });
    const amp = feedItem({ id: "a-amp", publishedAt: "2026-01-28T10:00:00Z", ...approval, url: "https://www.wire.example/news/a/amp" });
    expect(await after.assign(amp)).toEqual({ clusterId: "wire:a", duplicateOf: "wire:a", isNewCluster: false, merged: [] });
    expect(await after.assign(feedItem({ id: "a", publishedAt: "2026-01-28T06:00:00Z", ...approval }))).toEqual({ clusterId: "wire:a", duplicateOf: null, isNewCluster: false, merged: [] });
  });

  it("rolls back an assignment that fails, and goes on with the next", async () => {
    const index = db().clusterIndex();
    await expect(index.serially(async () => {
      await index.save({ item: { key: "x", clusterId: "s:x", duplicateOf: null, publishedMs: 1 }, identities: ["k:x"], cluster: null, absorbed: [], bandKeys: [], features: Uint32Array.of(1) });
      throw new Error("assignment broke");
    })).rejects.toThrow("assignment broke");
    expect(await index.serially(() => index.documentFrequencies(Uint32Array.of(1)))).toEqual({ documents: 0, counts: [0] });
  });

  it("opens each story once when two workers assign the same items at once", async () => {
    const items = loadLabelledSet().sort(clusterOrder).slice(0, 120);
    const worker = async (index: ClusterIndex) => {
      const clusterer = createClusterer({ index });
      const assigned: Array<ClusterAssignment & { key: string }> = [];
      for (const item of items) assigned.push({ key: item.key, ...(await clusterer.assign(item)) });
      return assigned;
    };
    const [first, second] = await Promise.all([worker(db().clusterIndex()), worker(await db().anotherClusterIndex())]);

    const opened = [...first, ...second].filter((assignment) => assignment.isNewCluster);
    expect(new Set(opened.map((a) => a.clusterId)).size).toBe(opened.length);
    // Whoever assigned an item, it landed in the story one worker alone puts it in.
    const merged = new Map<string, string>();
    for (const a of [...first, ...second]) for (const id of a.merged) merged.set(id, a.clusterId);
    const current = (id: string): string => (merged.has(id) ? current(merged.get(id)!) : id);
    const alone = new Map((await clusterItems(items)).map((result) => [result.key, result.cluster]));
    expect(new Map(first.map((a) => [a.key, current(a.clusterId)]))).toEqual(alone);
    expect(new Map(second.map((a) => [a.key, current(a.clusterId)]))).toEqual(alone);
  }, 120_000);
});
