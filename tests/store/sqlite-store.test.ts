import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { NewOutboxMessage } from "../../src/domain/outbound.js";
import { emptySourceState } from "../../src/domain/source-state.js";
import { createSqliteStore, openDatabase, type ItemToStore, type Store } from "../../src/store/index.js";

function item(id: string, overrides: Partial<ItemToStore> = {}): ItemToStore {
  return {
    id,
    sourceId: "wire",
    guid: id,
    link: `https://example.org/${id}`,
    url: `https://example.org/${id}`,
    title: `Title ${id}`,
    summary: "",
    content: "",
    author: null,
    language: "en",
    publishedAt: "2026-01-14T08:00:00.000Z",
    dateMissing: false,
    matches: [{ topicId: "chips", score: 2, terms: ["H200"], fields: { title: ["H200"] } }],
    passedTopicIds: ["chips"],
    clusterId: `c-${id}`,
    ...overrides,
  };
}

const message = (group: string, part: number, target = `slack:#${group}`): NewOutboxMessage => ({
  key: `${group}:${part}`,
  target,
  group,
  part,
  payload: { kind: "text", text: `${group} part ${part}` },
});

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

describe("SQLite store", () => {
  it("stores an item once and reports only the new ones", async () => {
    const store = await freshStore();
    expect((await store.saveItems([item("a"), item("b")], "2026-01-14T09:00:00.000Z")).map((i) => i.id)).toEqual(["a", "b"]);
    expect((await store.saveItems([item("a"), item("c")], "2026-01-14T10:00:00.000Z")).map((i) => i.id)).toEqual(["c"]);
    expect(await store.countItems()).toBe(3);
    expect(await store.knownItemIds("wire", ["a", "z"])).toEqual(new Set(["a"]));
  });

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

  it("selects digest items by first-seen window and passed topics", async () => {
    const store = await freshStore();
    await store.saveItems([item("old")], "2026-01-13T09:00:00.000Z");
    await store.saveItems(
      [
        item("low", { matches: [{ topicId: "chips", score: 1, terms: ["H20"], fields: {} }] }),
        item("high", { matches: [{ topicId: "chips", score: 5, terms: ["H200"], fields: {} }] }),
        item("failed-threshold", { passedTopicIds: [] }),
      ],
      "2026-01-14T09:00:00.000Z",
    );
    const found = await store.itemsForDigest({ since: "2026-01-13T12:00:00.000Z", until: "2026-01-14T12:00:00.000Z", topicIds: ["chips"], perTopic: 10 });
    expect(found.map((i) => i.id).sort()).toEqual(["high", "low"]);
  });

  it("brings each topic's best candidates, so a wide topic cannot crowd a narrow one out", async () => {
    const store = await freshStore();
    const wide = Array.from({ length: 6 }, (_, n) => item(`wide-${n}`, { matches: [{ topicId: "wide", score: 20 + n, terms: ["a"], fields: {} }], passedTopicIds: ["wide"] }));
    const narrow = [item("narrow", { matches: [{ topicId: "narrow", score: 1, terms: ["b"], fields: {} }], passedTopicIds: ["narrow"] })];
    await store.saveItems([...wide, ...narrow], "2026-01-14T09:00:00.000Z");
    const found = await store.itemsForDigest({ since: null, until: "2026-01-14T12:00:00.000Z", topicIds: ["wide", "narrow"], perTopic: 2 });
    expect(found.map((i) => i.id).sort()).toEqual(["narrow", "wide-4", "wide-5"]);
  });

  it("leaves out items published before publishedAfter, whenever they were first seen", async () => {
    const store = await freshStore();
    await store.saveItems([item("history", { publishedAt: "2022-04-01T00:00:00.000Z" }), item("today")], "2026-01-14T09:00:00.000Z");
    const found = await store.itemsForDigest({ since: null, until: "2026-01-14T12:00:00.000Z", publishedAfter: "2026-01-13T12:00:00.000Z", topicIds: ["chips"], perTopic: 10 });
    expect(found.map((i) => i.id)).toEqual(["today"]);
  });

  it("never enqueues the same outbox key twice", async () => {
    const store = await freshStore();
    expect(await store.enqueue([message("g", 0), message("g", 1)], "2026-01-14T09:00:00.000Z")).toBe(2);
    expect(await store.enqueue([message("g", 0)], "2026-01-14T09:00:00.000Z")).toBe(0);
  });

  it("keeps each target's order: a later message waits while an earlier one is pending", async () => {
    const store = await freshStore();
    await store.enqueue([message("g", 0), message("g", 1), message("h", 0)], "2026-01-14T09:00:00.000Z");
    const now = "2026-01-14T09:00:01.000Z";
    const first = await store.due(now, 10);
    expect(first.map((m) => m.key)).toEqual(["g:0", "h:0"]);
    await store.markSent(first[0]!.id, now, "m-1");
    expect((await store.due(now, 10)).map((m) => m.key)).toEqual(["g:1", "h:0"]);
    await store.markRetry(first[1]!.id, "2026-01-14T10:00:00.000Z", "429");
    await store.enqueue([message("h", 1)], now);
    expect((await store.due(now, 10)).map((m) => m.key)).toEqual(["g:1"]);
  });

  it("pauses a target once and requeues a failed message", async () => {
    const store = await freshStore();
    expect(await store.pauseTarget("slack:#gone", "channel_not_found", "2026-01-14T09:00:00.000Z")).toBe(true);
    expect(await store.pauseTarget("slack:#gone", "channel_not_found", "2026-01-14T09:01:00.000Z")).toBe(false);
    expect((await store.pausedTargets()).map((p) => p.target)).toEqual(["slack:#gone"]);
    await store.enqueue([message("g", 0)], "2026-01-14T09:00:00.000Z");
    const [queued] = await store.due("2026-01-14T09:00:00.000Z", 1);
    await store.markFailed(queued!.id, "channel_not_found");
    expect(await store.due("2026-01-14T09:00:00.000Z", 1)).toEqual([]);
    expect(await store.requeue(queued!.id, "2026-01-14T09:05:00.000Z")).toBe(true);
    expect(await store.requeue(queued!.id, "2026-01-14T09:05:00.000Z")).toBe(false);
    expect((await store.due("2026-01-14T09:05:00.000Z", 1)).map((m) => m.key)).toEqual(["g:0"]);
  });

  it("commits a digest's messages and its window mark together", async () => {
    const store = await freshStore();
    const added = await store.commitDigest({ digestId: "daily", windowEnd: "2026-01-14T09:00:00.000Z", messages: [message("d", 0)], now: "2026-01-14T09:00:00.000Z" });
    expect(added).toBe(1);
    expect(await store.getDigestMark("daily")).toBe("2026-01-14T09:00:00.000Z");
  });

  it("alerts a story once per watch, and records nothing when the messages cannot be queued", async () => {
    const store = await freshStore();
    const watch = await store.addWatch({ owner: { platform: "slack", workspaceId: "T1", userId: "U1" }, query: "H200", target: "slack:@U1", createdAt: "2026-01-14T09:00:00.000Z" });
    const send = (clusterIds: string[], build = (fresh: Array<{ clusterId: string }>) => fresh.map((claim) => message(`alert-${claim.clusterId}`, 0))) =>
      store.sendAlertsOnce({ claims: clusterIds.map((clusterId) => ({ watchId: watch.id, clusterId })), at: "2026-01-14T09:00:00.000Z", build });
    await expect(send(["c1"], () => { throw new Error("renderer broke"); })).rejects.toThrow("renderer broke");
    expect(await send(["c1", "c2"])).toBe(2);
    expect(await send(["c1", "c2", "c3"])).toBe(1);
    expect((await store.listOutbox(["pending"])).map((m) => m.key).sort()).toEqual(["alert-c1:0", "alert-c2:0", "alert-c3:0"]);
  });
});
