import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { emptySourceState } from "../../src/domain/source-state.js";
import { createSqliteStore, openDatabase, type Store } from "../../src/store/index.js";
import { item } from "./contract/store-fixtures.js";

const stores: Store[] = [];
async function freshStore(file?: string): Promise<Store> {
  const target = file ?? path.join(await mkdtemp(path.join(tmpdir(), "briefing-store-")), "b.db");
  const store = createSqliteStore(openDatabase(target));
  stores.push(store);
  return store;
}
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
});

describe("SQLite store file", () => {
  it("keeps data and schema version across reopening the file", async () => {
    const folder = await mkdtemp(path.join(tmpdir(), "briefing-store-"));
    const file = path.join(folder, "b.db");
    const first = await freshStore(file);
    await first.saveItems([item("a")], "2026-01-14T09:00:00.000Z");
    await first.close();
    const again = await freshStore(file);
    expect(await again.countItems()).toBe(1);
  });

  it("gives source states saved before feeds could move an empty movedTo (and every later field its empty value), and keeps a known one", async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), "briefing-store-")), "b.db");
    const db = openDatabase(file);
    const insert = db.prepare("INSERT INTO sources (source_id, state) VALUES (?, ?)");
    insert.run("old", JSON.stringify({ sourceId: "old", location: "https://a.example/feed", etag: '"e"' }));
    insert.run("moved", JSON.stringify({ sourceId: "moved", location: "https://b.example/feed", movedTo: "https://c.example/feed" }));
    // As if the file had been written before migration 6.
    db.prepare("DELETE FROM schema_migrations WHERE version = 6").run();
    db.close();
    const store = await freshStore(file);
    expect(await store.getSourceState("old")).toEqual({ ...emptySourceState("old", "https://a.example/feed"), etag: '"e"', movedTo: null });
    expect((await store.getSourceState("moved"))?.movedTo).toBe("https://c.example/feed");
  });

  it("takes a file whose worker lease and request replays were made before migration 11, keeping what they hold", async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), "briefing-store-")), "b.db");
    const db = openDatabase(file);
    db.prepare("INSERT INTO request_replays (key, seen_at) VALUES ('event:Ev1', 1000)").run();
    db.prepare("INSERT INTO worker_lease (name, pid, host, since, heartbeat_at) VALUES ('worker', 1, 'a', 'x', 'x')").run();
    db.prepare("DELETE FROM schema_migrations WHERE version = 11").run();
    db.close();
    const store = await freshStore(file);
    expect(await store.claimRequest("event:Ev1", 2_000, 60_000)).toBe(false);
  });
});
