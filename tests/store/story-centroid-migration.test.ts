import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { createClusterer } from "../../src/cluster/index.js";
import { openDatabase } from "../../src/store/index.js";
import { migrations } from "../../src/store/sqlite/migrations.js";
import { createSqliteClusterIndex } from "../../src/store/sqlite/sqlite-cluster-index.js";
import { feedItem } from "../fixtures/cluster/feed-item.js";

describe("migration 7 (story centroids)", () => {
  it("replaces a version-6 file's story profiles and keeps its term counts", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "story-migration-")), "b.db");
    const old = new Database(file);
    old.exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
    for (const migration of migrations.filter((m) => m.version <= 6)) {
      old.exec(migration.sql);
      old.prepare("INSERT INTO schema_migrations VALUES (?, ?, ?)").run(migration.version, migration.name, "2026-01-01T00:00:00Z");
    }
    old.prepare("INSERT INTO story_clusters VALUES ('wire:old', 0, x'01000000', 1.5, '[\"wire\"]', 1)").run();
    old.prepare("INSERT INTO story_bands VALUES (7, 0, 'wire:old')").run();
    old.prepare("INSERT INTO story_document_count VALUES (1, 40)").run();
    old.close();

    const db = openDatabase(file);
    expect(db.prepare("SELECT COUNT(*) FROM story_bands").pluck().get()).toBe(0);
    expect(db.prepare("SELECT documents FROM story_document_count").pluck().get()).toBe(40);
    const clusterer = createClusterer({ index: createSqliteClusterIndex(db) });
    const item = feedItem({ id: "a", publishedAt: "2026-01-28T06:00:00Z", title: "China lets ByteDance buy Nvidia H200 chips" });
    expect(await clusterer.assign(item)).toMatchObject({ clusterId: "wire:a", isNewCluster: true });
    db.close();
  });
});
