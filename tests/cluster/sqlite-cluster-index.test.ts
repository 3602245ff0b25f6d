import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createClusterer } from "../../src/cluster/index.js";
import { clusterIndexSchema, createSqliteClusterIndex } from "../../src/store/sqlite/sqlite-cluster-index.js";
import { feedItem } from "../fixtures/cluster/feed-item.js";

const approval = {
  title: "China lets ByteDance, Alibaba and Tencent buy Nvidia H200 chips",
  summary: "Beijing has approved purchases of more than 400,000 H200 processors by the three companies, attaching conditions to the approvals.",
};
const approvalElsewhere = {
  title: "Beijing approves over 400,000 H200 chips for ByteDance, Alibaba and Tencent",
  summary: "The conditional go-ahead lets the three tech giants buy the Nvidia chip that Washington cleared in December.",
};

let dir: string;
const open: Database.Database[] = [];

function openDb(): Database.Database {
  const db = new Database(join(dir, "briefing.db"));
  db.exec(clusterIndexSchema);
  open.push(db);
  return db;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "cluster-index-"));
});
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("createSqliteClusterIndex", () => {
  it("keeps stories, copies and re-assignments across a restart", async () => {
    const before = openDb();
    const first = createClusterer({ index: createSqliteClusterIndex(before) });
    expect(await first.assign(feedItem({ id: "a", publishedAt: "2026-01-28T06:00:00Z", ...approval }))).toMatchObject({ isNewCluster: true });
    before.close();

    const after = createClusterer({ index: createSqliteClusterIndex(openDb()) });
    const other = feedItem({ id: "b", sourceId: "chips", publishedAt: "2026-01-28T09:00:00Z", ...approvalElsewhere });
    expect(await after.assign(other)).toEqual({ clusterId: "wire:a", duplicateOf: null, isNewCluster: false, merged: [] });
    const amp = feedItem({ id: "a-amp", publishedAt: "2026-01-28T10:00:00Z", ...approval, url: "https://www.wire.example/news/a/amp" });
    expect(await after.assign(amp)).toEqual({ clusterId: "wire:a", duplicateOf: "wire:a", isNewCluster: false, merged: [] });
    expect(await after.assign(feedItem({ id: "a", publishedAt: "2026-01-28T06:00:00Z", ...approval }))).toEqual({
      clusterId: "wire:a",
      duplicateOf: null,
      isNewCluster: false,
      merged: [],
    });
  });

  it("applies its schema twice without complaint", () => {
    const db = openDb();
    expect(() => db.exec(clusterIndexSchema)).not.toThrow();
  });

  it("stops finding a story by its keys once pruned, and still knows its items", async () => {
    const db = openDb();
    const index = createSqliteClusterIndex(db);
    const clusterer = createClusterer({ index });
    await clusterer.assign(feedItem({ id: "a", publishedAt: "2026-01-28T06:00:00Z", ...approval }));
    const keys = (db.prepare("SELECT band_key FROM story_bands").all() as Array<{ band_key: number }>).map((row) => row.band_key);
    const window = [Date.parse("2026-01-27T00:00:00Z"), Date.parse("2026-01-30T00:00:00Z")] as const;
    expect(await index.findClusters(keys, ...window, 16)).toHaveLength(1);
    await index.prune(Date.parse("2026-01-29T00:00:00Z"));
    expect(await index.findClusters(keys, ...window, 16)).toHaveLength(0);
    expect(await index.findItem("k:wire:a")).toMatchObject({ item: { clusterId: "wire:a" } });
  });
});
