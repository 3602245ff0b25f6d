import type Database from "better-sqlite3";
import type { AuditEntry, ChangeBy, ChannelDigest, TenantAlias, TenantFeed, TenantStore, TenantTopic } from "../tenant-store.js";

interface FeedRow { tenant_id: string; feed_id: string; url: string; title: string | null; added_by: string; added_at: string }
interface TopicRow { tenant_id: string; topic_id: string; query: string; name: string | null; added_by: string; added_at: string }
interface AliasRow { tenant_id: string; name: string; query: string; added_by: string; added_at: string }
interface DigestRow { tenant_id: string; target: string; schedule: string; topics: string; timezone: string | null; added_by: string; added_at: string }

/** Tenants, their chat-made feeds, topics and channel digests, and the audit of every change, in SQLite. */
export function createSqliteTenantStore(db: Database.Database): TenantStore {
  const audit = db.prepare("INSERT INTO audit_log (tenant_id, at, actor, action, subject) VALUES (?, ?, ?, ?, ?)");
  // A change and its audit row are one transaction: both or neither.
  const audited = <A extends unknown[]>(action: string, change: (...args: A) => { changed: boolean; tenantId: string; subject: string }) =>
    db.transaction((by: ChangeBy, ...args: A): boolean => {
      const done = change(...args);
      if (done.changed) audit.run(done.tenantId, by.at, by.actor, action, done.subject);
      return done.changed;
    });

  const insertFeed = db.prepare("INSERT INTO feeds (feed_id, url, title, added_at) VALUES (?, ?, ?, ?) ON CONFLICT (feed_id) DO NOTHING");
  const subscribe = db.prepare("INSERT OR IGNORE INTO tenant_feeds (tenant_id, feed_id, added_by, added_at) VALUES (?, ?, ?, ?)");
  const feedUrl = db.prepare<[string], string>("SELECT url FROM feeds WHERE feed_id = ?").pluck();
  const subscribeFeed = audited("feed.add", (feed: { tenantId: string; feedId: string; url: string; title: string | null }, by: ChangeBy) => {
    insertFeed.run(feed.feedId, feed.url, feed.title, by.at);
    const changed = subscribe.run(feed.tenantId, feed.feedId, by.actor, by.at).changes > 0;
    return { changed, tenantId: feed.tenantId, subject: `${feed.feedId} ${feed.url}` };
  });
  const unsubscribe = db.prepare("DELETE FROM tenant_feeds WHERE tenant_id = ? AND feed_id = ?");
  const unsubscribeFeed = audited("feed.remove", (tenantId: string, feedId: string) => ({
    changed: unsubscribe.run(tenantId, feedId).changes > 0,
    tenantId,
    subject: `${feedId} ${feedUrl.get(feedId) ?? ""}`.trim(),
  }));
  const insertTopic = db.prepare("INSERT OR IGNORE INTO tenant_topics (tenant_id, topic_id, query, name, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?)");
  const addTopic = audited("topic.add", (topic: { tenantId: string; id: string; query: string; name?: string | null }, by: ChangeBy) => ({
    changed: insertTopic.run(topic.tenantId, topic.id, topic.query, topic.name ?? null, by.actor, by.at).changes > 0,
    tenantId: topic.tenantId,
    subject: `${topic.id}${topic.name ? ` ("${topic.name}")` : ""}: ${topic.query}`,
  }));
  const deleteTopic = db.prepare("DELETE FROM tenant_topics WHERE tenant_id = ? AND topic_id = ?");
  const removeTopic = audited("topic.remove", (tenantId: string, id: string) => ({ changed: deleteTopic.run(tenantId, id).changes > 0, tenantId, subject: id }));
  const aliasExists = db.prepare("SELECT 1 FROM tenant_aliases WHERE tenant_id = ? AND name = ?").pluck();
  const upsertAlias = db.prepare(`
    INSERT INTO tenant_aliases (tenant_id, name, query, added_by, added_at) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (tenant_id, name) DO UPDATE SET query = excluded.query, added_by = excluded.added_by, added_at = excluded.added_at`);
  let aliasWasNew = false;
  const setAlias = audited("alias.set", (alias: { tenantId: string; name: string; query: string }, by: ChangeBy) => {
    aliasWasNew = aliasExists.get(alias.tenantId, alias.name) === undefined;
    upsertAlias.run(alias.tenantId, alias.name, alias.query, by.actor, by.at);
    return { changed: true, tenantId: alias.tenantId, subject: `@${alias.name}: ${alias.query}` };
  });
  const deleteAlias = db.prepare("DELETE FROM tenant_aliases WHERE tenant_id = ? AND name = ?");
  const removeAlias = audited("alias.remove", (tenantId: string, name: string) => ({ changed: deleteAlias.run(tenantId, name).changes > 0, tenantId, subject: `@${name}` }));
  const upsertDigest = db.prepare(`
    INSERT INTO channel_digests (target, tenant_id, schedule, topics, timezone, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (target) DO UPDATE SET tenant_id = excluded.tenant_id, schedule = excluded.schedule, topics = excluded.topics,
      timezone = excluded.timezone, added_by = excluded.added_by, added_at = excluded.added_at`);
  const setDigest = audited("digest.set", (digest: Omit<ChannelDigest, "addedBy" | "addedAt">, by: ChangeBy) => {
    upsertDigest.run(digest.target, digest.tenantId, digest.schedule, JSON.stringify(digest.topics), digest.timeZone, by.actor, by.at);
    const topics = digest.topics.length > 0 ? ` ${digest.topics.join(" ")}` : "";
    return { changed: true, tenantId: digest.tenantId, subject: `${digest.target} "${digest.schedule}"${topics}${digest.timeZone ? ` tz:${digest.timeZone}` : ""}` };
  });
  const deleteDigest = db.prepare("DELETE FROM channel_digests WHERE tenant_id = ? AND target = ?");
  const removeDigest = audited("digest.off", (tenantId: string, target: string) => ({ changed: deleteDigest.run(tenantId, target).changes > 0, tenantId, subject: target }));
  const insertTenant = db.prepare("INSERT OR IGNORE INTO tenants (tenant_id, created_at, created_by) VALUES (?, ?, ?)");

  const byTenant = (table: string, order: string) => (tenantId: string | null) =>
    tenantId === null
      ? db.prepare(`SELECT * FROM ${table} ORDER BY tenant_id, ${order}`).all()
      : db.prepare(`SELECT * FROM ${table} WHERE tenant_id = ? ORDER BY ${order}`).all(tenantId);
  const feedRows = (tenantId: string | null) =>
    (tenantId === null
      ? db.prepare("SELECT t.*, f.url, f.title FROM tenant_feeds t JOIN feeds f USING (feed_id) ORDER BY t.tenant_id, t.added_at, t.feed_id").all()
      : db.prepare("SELECT t.*, f.url, f.title FROM tenant_feeds t JOIN feeds f USING (feed_id) WHERE t.tenant_id = ? ORDER BY t.added_at, t.feed_id").all(tenantId)) as FeedRow[];
  const topicRows = byTenant("tenant_topics", "added_at, topic_id");
  const digestRows = byTenant("channel_digests", "target");
  const aliasRows = byTenant("tenant_aliases", "name");

  return {
    async listTenants() {
      return db.prepare("SELECT tenant_id FROM tenants ORDER BY tenant_id").pluck().all() as string[];
    },
    async createTenant(tenantId, by) {
      return insertTenant.run(tenantId, by.at, by.actor).changes > 0;
    },
    async tenantFeeds(tenantId) {
      return feedRows(tenantId).map((row): TenantFeed => ({ tenantId: row.tenant_id, feedId: row.feed_id, url: row.url, title: row.title, addedBy: row.added_by, addedAt: row.added_at }));
    },
    subscribeFeed: async (feed, by) => subscribeFeed.immediate(by, feed, by),
    unsubscribeFeed: async (tenantId, feedId, by) => unsubscribeFeed.immediate(by, tenantId, feedId),
    async tenantTopics(tenantId) {
      return (topicRows(tenantId) as TopicRow[]).map((row): TenantTopic => ({ tenantId: row.tenant_id, id: row.topic_id, query: row.query, name: row.name, addedBy: row.added_by, addedAt: row.added_at }));
    },
    addTopic: async (topic, by) => addTopic.immediate(by, topic, by),
    removeTopic: async (tenantId, id, by) => removeTopic.immediate(by, tenantId, id),
    async tenantAliases(tenantId) {
      return (aliasRows(tenantId) as AliasRow[]).map((row): TenantAlias => ({ tenantId: row.tenant_id, name: row.name, query: row.query, addedBy: row.added_by, addedAt: row.added_at }));
    },
    async setAlias(alias, by) {
      setAlias.immediate(by, alias, by);
      return aliasWasNew;
    },
    removeAlias: async (tenantId, name, by) => removeAlias.immediate(by, tenantId, name),
    async channelDigests(tenantId) {
      return (digestRows(tenantId) as DigestRow[]).map((row): ChannelDigest => ({
        tenantId: row.tenant_id,
        target: row.target,
        schedule: row.schedule,
        topics: JSON.parse(row.topics) as string[],
        timeZone: row.timezone,
        addedBy: row.added_by,
        addedAt: row.added_at,
      }));
    },
    setChannelDigest: async (digest, by) => void setDigest.immediate(by, digest, by),
    removeChannelDigest: async (tenantId, target, by) => removeDigest.immediate(by, tenantId, target),
    async auditLog(tenantId, limit) {
      const rows = (tenantId === null
        ? db.prepare("SELECT * FROM audit_log ORDER BY id DESC LIMIT ?").all(limit)
        : db.prepare("SELECT * FROM audit_log WHERE tenant_id = ? ORDER BY id DESC LIMIT ?").all(tenantId, limit)) as Array<{ tenant_id: string; at: string; actor: string; action: string; subject: string }>;
      return rows.map((row): AuditEntry => ({ tenantId: row.tenant_id, at: row.at, actor: row.actor, action: row.action, subject: row.subject }));
    },
  };
}
