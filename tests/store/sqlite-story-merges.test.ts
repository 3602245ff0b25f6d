import { describe, expect, it } from "vitest";
import type { NewOutboxMessage } from "../../src/domain/outbound.js";
import type { AlertClaim } from "../../src/alerts/index.js";
import { createSqliteStore, openDatabase, type ItemToStore } from "../../src/store/index.js";

function item(id: string, clusterId: string): ItemToStore {
  return {
    id, sourceId: `outlet-${id}`, guid: id, link: null, url: null, title: `Title ${id}`, summary: "", content: "", author: null,
    language: "en", publishedAt: "2014-03-10T08:00:00.000Z", dateMissing: false, matches: [], passedTopicIds: [], clusterId,
  };
}

const alert = ({ clusterId }: AlertClaim): NewOutboxMessage => ({ key: `alert-${clusterId}`, target: "slack:@U1", group: `alert-${clusterId}`, part: 0, payload: { kind: "text", text: clusterId } });

describe("mergeStories", () => {
  it("moves a merged story's items and alerts to the story it joined", async () => {
    const store = createSqliteStore(openDatabase(":memory:"));
    await store.saveItems([item("a", "s:a"), item("b", "s:b"), item("c", "s:c"), item("d", "s:d")], "2014-03-10T09:00:00.000Z");
    const watch = await store.addWatch({ owner: { platform: "slack", workspaceId: "T1", userId: "U1" }, query: "x", target: "slack:@U1", createdAt: "2014-03-10T09:00:00.000Z" });
    const send = (clusterIds: string[]) => store.sendAlertsOnce({ claims: clusterIds.map((clusterId) => ({ watchId: watch.id, clusterId })), at: "2014-03-10T09:00:00.000Z", build: (fresh) => fresh.map(alert) });
    expect(await send(["s:b"])).toBe(1);

    await store.mergeStories(new Map([["s:b", "s:a"], ["s:c", "s:a"]]));

    expect((await store.itemsOfClusters(["s:a"])).map((stored) => stored.id)).toEqual(["a", "b", "c"]);
    expect(await store.itemsOfClusters(["s:b", "s:c"])).toEqual([]);
    expect(await send(["s:a"])).toBe(0);
    expect(await send(["s:d"])).toBe(1);
    await store.close();
  });
});
