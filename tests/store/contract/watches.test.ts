import { describe, expect, it } from "vitest";
import type { AlertClaim } from "../../../src/alerts/index.js";
import type { NewOutboxMessage } from "../../../src/domain/outbound.js";
import { freshStoreEach, storeEngines } from "../../fakes/store-engines.js";
import { item, message } from "./store-fixtures.js";

const at = "2026-01-14T09:00:00.000Z";
const owner = { platform: "slack" as const, workspaceId: "T1", userId: "U1" };
const alert = ({ clusterId }: AlertClaim): NewOutboxMessage => message(`alert-${clusterId}`, 0, "slack:@U1");

describe.each(storeEngines)("watches and alerts in the %s store", (engine) => {
  const db = freshStoreEach(engine);

  it("adds, lists and removes an owner's watches, and only the owner's", async () => {
    const { store } = db();
    const watch = await store.addWatch({ owner, query: "H200", target: "slack:@U1", createdAt: at });
    expect(watch).toEqual({ id: expect.stringMatching(/^\d+$/), owner, query: "H200", target: "slack:@U1", createdAt: at });
    const console = { platform: "console" as const, workspaceId: null, userId: "me" };
    const mine = await store.addWatch({ owner: console, query: "CAC", target: "console:", createdAt: at });
    expect(await store.watchesOf(owner)).toEqual([watch]);
    expect(await store.watchesOf(console)).toEqual([mine]);
    expect(await store.watchesOf({ ...owner, workspaceId: "T2" })).toEqual([]);
    expect((await store.allWatches()).map((w) => w.query)).toEqual(["H200", "CAC"]);
    expect(await store.removeWatch(watch.id, { ...owner, userId: "U2" })).toBe(false);
    expect(await store.removeWatch(watch.id, { ...owner, workspaceId: null })).toBe(false);
    expect(await store.removeWatch("not-a-number", owner)).toBe(false);
    expect(await store.removeWatch(mine.id, console)).toBe(true);
    expect(await store.removeWatch(mine.id, console)).toBe(false);
    expect(await store.allWatches()).toEqual([watch]);
  });

  it("alerts a story once per watch, and records nothing when the messages cannot be queued", async () => {
    const { store } = db();
    const watch = await store.addWatch({ owner, query: "H200", target: "slack:@U1", createdAt: at });
    const send = (clusterIds: string[], build = (fresh: AlertClaim[]) => fresh.map(alert)) =>
      store.sendAlertsOnce({ claims: clusterIds.map((clusterId) => ({ watchId: watch.id, clusterId })), at, build });
    await expect(send(["c1"], () => { throw new Error("renderer broke"); })).rejects.toThrow("renderer broke");
    expect(await send(["c1", "c2"])).toBe(2);
    expect(await send(["c1", "c2", "c3"])).toBe(1);
    expect(await send(["c1"])).toBe(0);
    expect((await store.listOutbox(["pending"])).map((m) => m.key).sort()).toEqual(["alert-c1:0", "alert-c2:0", "alert-c3:0"]);
  });

  it("hands only the fresh claims to the builder", async () => {
    const { store } = db();
    const watch = await store.addWatch({ owner, query: "H200", target: "slack:@U1", createdAt: at });
    const built: string[][] = [];
    const send = (clusterIds: string[]) =>
      store.sendAlertsOnce({ claims: clusterIds.map((clusterId) => ({ watchId: watch.id, clusterId })), at, build: (fresh) => (built.push(fresh.map((c) => c.clusterId)), fresh.map(alert)) });
    await send(["c1"]);
    await send(["c1", "c2"]);
    expect(built).toEqual([["c1"], ["c2"]]);
  });

  it("alerts once when two workers claim the same story at once", async () => {
    const { store, another } = db();
    const other = await another();
    const watch = await store.addWatch({ owner, query: "H200", target: "slack:@U1", createdAt: at });
    const send = (on: typeof store) => on.sendAlertsOnce({ claims: [{ watchId: watch.id, clusterId: "c1" }], at, build: (fresh) => fresh.map(alert) });
    expect((await Promise.all([send(store), send(other)])).sort()).toEqual([0, 1]);
    expect(await store.listOutbox(["pending"])).toHaveLength(1);
  });

  it("moves a merged story's items and alerts to the story it joined", async () => {
    const { store } = db();
    const at2014 = "2014-03-10T09:00:00.000Z";
    const story = (id: string, clusterId: string) => item(id, { sourceId: `outlet-${id}`, clusterId, publishedAt: "2014-03-10T08:00:00.000Z", matches: [], passedTopicIds: [] });
    await store.saveItems([story("a", "s:a"), story("b", "s:b"), story("c", "s:c"), story("d", "s:d")], at2014);
    const watch = await store.addWatch({ owner, query: "x", target: "slack:@U1", createdAt: at2014 });
    const send = (clusterIds: string[]) => store.sendAlertsOnce({ claims: clusterIds.map((clusterId) => ({ watchId: watch.id, clusterId })), at: at2014, build: (fresh) => fresh.map(alert) });
    expect(await send(["s:b"])).toBe(1);

    await store.mergeStories(new Map([["s:b", "s:a"], ["s:c", "s:a"]]));
    await store.mergeStories(new Map());

    expect((await store.itemsOfClusters(["s:a"])).map((stored) => stored.id).sort()).toEqual(["a", "b", "c"]);
    expect(await store.itemsOfClusters(["s:b", "s:c"])).toEqual([]);
    expect(await send(["s:a"])).toBe(0);
    expect(await send(["s:d"])).toBe(1);
  });

  it("keeps one alert when both merged stories had alerted", async () => {
    const { store } = db();
    const watch = await store.addWatch({ owner, query: "x", target: "slack:@U1", createdAt: at });
    const send = (clusterIds: string[]) => store.sendAlertsOnce({ claims: clusterIds.map((clusterId) => ({ watchId: watch.id, clusterId })), at, build: (fresh) => fresh.map(alert) });
    expect(await send(["s:a", "s:b"])).toBe(2);
    await store.mergeStories(new Map([["s:b", "s:a"]]));
    expect(await send(["s:a"])).toBe(0);
    expect((await store.listOutbox(["pending"])).map((m) => m.key).sort()).toEqual(["alert-s:a:0", "alert-s:b:0"]);
  });
});
