import { describe, expect, it } from "vitest";
import { freshStoreEach, storeEngines } from "../../fakes/store-engines.js";

const by = (actor: string, at = "2026-01-15T02:00:00.000Z") => ({ actor, at });

describe.each(storeEngines)("tenants in the %s store", (engine) => {
  const db = freshStoreEach(engine);

  it("stores a feed once for every tenant that follows it, and audits each subscription", async () => {
    const { store, peek } = db();
    const feed = { feedId: "feed-1", url: "https://example.org/feed.xml", title: "Example" };
    expect(await store.subscribeFeed({ tenantId: "slack:TA", ...feed }, by("slack:UA"))).toBe(true);
    expect(await store.subscribeFeed({ tenantId: "discord:1", ...feed }, by("discord:9"))).toBe(true);
    expect(await store.subscribeFeed({ tenantId: "slack:TA", ...feed }, by("slack:UA"))).toBe(false);
    expect(Number(await peek("SELECT COUNT(*) FROM feeds"))).toBe(1);
    expect(await store.tenantFeeds("slack:TA")).toEqual([{ tenantId: "slack:TA", ...feed, addedBy: "slack:UA", addedAt: "2026-01-15T02:00:00.000Z" }]);
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
    const { store } = db();
    expect(await store.addTopic({ tenantId: "slack:TA", id: "chips", query: "H200" }, by("slack:UA"))).toBe(true);
    expect(await store.addTopic({ tenantId: "slack:TB", id: "chips", query: "B30A", name: "AI chips" }, by("slack:UB"))).toBe(true);
    expect(await store.addTopic({ tenantId: "slack:TA", id: "chips", query: "other" }, by("slack:UA"))).toBe(false);
    expect((await store.tenantTopics("slack:TA")).map((t) => t.query)).toEqual(["H200"]);
    expect(await store.tenantTopics(null)).toEqual([
      { tenantId: "slack:TA", id: "chips", query: "H200", name: null, addedBy: "slack:UA", addedAt: "2026-01-15T02:00:00.000Z" },
      { tenantId: "slack:TB", id: "chips", query: "B30A", name: "AI chips", addedBy: "slack:UB", addedAt: "2026-01-15T02:00:00.000Z" },
    ]);

    const digest = { tenantId: "slack:TA", target: "slack:C1", schedule: "0 9 * * *", topics: ["chips"], timeZone: "Europe/Berlin" };
    await store.setChannelDigest(digest, by("slack:UA"));
    await store.setChannelDigest({ ...digest, schedule: "0 8 * * 1-5", topics: [] }, by("slack:UA2", "2026-01-16T00:00:00.000Z"));
    expect(await store.channelDigests(null)).toEqual([{ ...digest, schedule: "0 8 * * 1-5", topics: [], addedBy: "slack:UA2", addedAt: "2026-01-16T00:00:00.000Z" }]);
    // Another tenant cannot switch off this channel's digest.
    expect(await store.removeChannelDigest("slack:TB", "slack:C1", by("slack:UB"))).toBe(false);
    expect(await store.removeChannelDigest("slack:TA", "slack:C1", by("slack:UA"))).toBe(true);
    expect((await store.auditLog("slack:TA", 10)).map((e) => e.action)).toEqual(["digest.off", "digest.set", "digest.set", "topic.add"]);
    expect((await store.auditLog("slack:TB", 10)).map((e) => e.subject)).toEqual(['chips ("AI chips"): B30A']);
  });

  it("removes a topic once, auditing the removal", async () => {
    const { store } = db();
    await store.addTopic({ tenantId: "slack:TA", id: "chips", query: "H200" }, by("slack:UA"));
    expect(await store.removeTopic("slack:TB", "chips", by("slack:UB"))).toBe(false);
    expect(await store.removeTopic("slack:TA", "chips", by("slack:UA"))).toBe(true);
    expect(await store.removeTopic("slack:TA", "chips", by("slack:UA"))).toBe(false);
    expect((await store.auditLog(null, 10)).map((e) => `${e.action} ${e.subject}`)).toEqual(["topic.remove chips", "topic.add chips: H200"]);
  });

  it("sets, replaces and removes a tenant's aliases, each tenant its own", async () => {
    const { store } = db();
    expect(await store.setAlias({ tenantId: "slack:TA", name: "cac", query: "CAC | 网信办" }, by("slack:UA"))).toBe(true);
    expect(await store.setAlias({ tenantId: "slack:TA", name: "cac", query: "CAC" }, by("slack:UA2", "2026-01-16T00:00:00.000Z"))).toBe(false);
    expect(await store.setAlias({ tenantId: "slack:TB", name: "cac", query: "other" }, by("slack:UB"))).toBe(true);
    expect(await store.setAlias({ tenantId: "slack:TA", name: "bis", query: "BIS" }, by("slack:UA"))).toBe(true);
    expect(await store.tenantAliases("slack:TA")).toEqual([
      { tenantId: "slack:TA", name: "bis", query: "BIS", addedBy: "slack:UA", addedAt: "2026-01-15T02:00:00.000Z" },
      { tenantId: "slack:TA", name: "cac", query: "CAC", addedBy: "slack:UA2", addedAt: "2026-01-16T00:00:00.000Z" },
    ]);
    expect((await store.tenantAliases(null)).map((a) => `${a.tenantId} ${a.name}`)).toEqual(["slack:TA bis", "slack:TA cac", "slack:TB cac"]);
    expect(await store.removeAlias("slack:TA", "cac", by("slack:UA"))).toBe(true);
    expect(await store.removeAlias("slack:TA", "cac", by("slack:UA"))).toBe(false);
    expect((await store.auditLog("slack:TA", 10)).map((e) => `${e.action} ${e.subject}`)).toEqual(["alias.remove @cac", "alias.set @bis: BIS", "alias.set @cac: CAC", "alias.set @cac: CAC | 网信办"]);
  });

  it("creates a tenant once", async () => {
    const { store } = db();
    expect(await store.createTenant("slack:TB", by("slack:UB"))).toBe(true);
    expect(await store.createTenant("discord:1", by("discord:9"))).toBe(true);
    expect(await store.createTenant("discord:1", by("discord:9"))).toBe(false);
    expect(await store.listTenants()).toEqual(["discord:1", "slack:TB"]);
  });

  it("gives the newest audit entries first, as many as asked", async () => {
    const { store } = db();
    for (const id of ["a", "b", "c"]) await store.addTopic({ tenantId: "slack:TA", id, query: id }, by("slack:UA"));
    expect((await store.auditLog("slack:TA", 2)).map((e) => e.subject)).toEqual(["c: c", "b: b"]);
    expect(await store.auditLog("slack:TZ", 10)).toEqual([]);
  });
});
