import { describe, expect, it } from "vitest";
import { createSqliteStore, openDatabase } from "../../src/store/index.js";

const by = (actor: string, at = "2026-01-15T02:00:00.000Z") => ({ actor, at });

function setup() {
  const db = openDatabase(":memory:");
  return { db, store: createSqliteStore(db) };
}

describe("the SQLite tenant store", () => {
  it("stores a feed once for every tenant that follows it, and audits each subscription", async () => {
    const { db, store } = setup();
    const feed = { feedId: "feed-1", url: "https://example.org/feed.xml", title: "Example" };
    expect(await store.subscribeFeed({ tenantId: "slack:TA", ...feed }, by("slack:UA"))).toBe(true);
    expect(await store.subscribeFeed({ tenantId: "discord:1", ...feed }, by("discord:9"))).toBe(true);
    expect(await store.subscribeFeed({ tenantId: "slack:TA", ...feed }, by("slack:UA"))).toBe(false);
    expect(db.prepare("SELECT COUNT(*) FROM feeds").pluck().get()).toBe(1);
    expect((await store.tenantFeeds("slack:TA")).map((f) => f.feedId)).toEqual(["feed-1"]);
    expect((await store.tenantFeeds(null)).map((f) => f.tenantId)).toEqual(["discord:1", "slack:TA"]);
    // The repeated subscription changed nothing and left no audit row.
    expect((await store.auditLog(null, 10)).map((e) => `${e.tenantId} ${e.action}`)).toEqual(["discord:1 feed.add", "slack:TA feed.add"]);

    expect(await store.unsubscribeFeed("slack:TA", "feed-1", by("slack:UA"))).toBe(true);
    expect(await store.unsubscribeFeed("slack:TA", "feed-1", by("slack:UA"))).toBe(false);
    expect(await store.tenantFeeds("slack:TA")).toEqual([]);
    expect((await store.tenantFeeds("discord:1")).map((f) => f.url)).toEqual(["https://example.org/feed.xml"]);
    expect((await store.auditLog("slack:TA", 10))[0]).toEqual({ tenantId: "slack:TA", at: "2026-01-15T02:00:00.000Z", actor: "slack:UA", action: "feed.remove", subject: "feed-1 https://example.org/feed.xml" });
  });

  it("keeps topic ids per tenant and replaces a channel's digest in place", async () => {
    const { store } = setup();
    expect(await store.addTopic({ tenantId: "slack:TA", id: "chips", query: "H200" }, by("slack:UA"))).toBe(true);
    expect(await store.addTopic({ tenantId: "slack:TB", id: "chips", query: "B30A" }, by("slack:UB"))).toBe(true);
    expect(await store.addTopic({ tenantId: "slack:TA", id: "chips", query: "other" }, by("slack:UA"))).toBe(false);
    expect((await store.tenantTopics("slack:TA")).map((t) => t.query)).toEqual(["H200"]);

    const digest = { tenantId: "slack:TA", target: "slack:C1", schedule: "0 9 * * *", topics: ["chips"], timeZone: "Europe/Berlin" };
    await store.setChannelDigest(digest, by("slack:UA"));
    await store.setChannelDigest({ ...digest, schedule: "0 8 * * 1-5", topics: [] }, by("slack:UA2", "2026-01-16T00:00:00.000Z"));
    expect(await store.channelDigests(null)).toEqual([{ ...digest, schedule: "0 8 * * 1-5", topics: [], addedBy: "slack:UA2", addedAt: "2026-01-16T00:00:00.000Z" }]);
    // Another tenant cannot switch off this channel's digest.
    expect(await store.removeChannelDigest("slack:TB", "slack:C1", by("slack:UB"))).toBe(false);
    expect(await store.removeChannelDigest("slack:TA", "slack:C1", by("slack:UA"))).toBe(true);
    expect((await store.auditLog("slack:TA", 10)).map((e) => e.action)).toEqual(["digest.off", "digest.set", "digest.set", "topic.add"]);
  });

  it("creates a tenant once", async () => {
    const { store } = setup();
    expect(await store.createTenant("discord:1", by("discord:9"))).toBe(true);
    expect(await store.createTenant("discord:1", by("discord:9"))).toBe(false);
    expect(await store.listTenants()).toEqual(["discord:1"]);
  });
});
