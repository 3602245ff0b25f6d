import type { AuditEntry, ChangeBy, ChannelDigest, TenantAlias, TenantFeed, TenantStore, TenantTopic } from "../tenant-store.js";
import type { SqlClient } from "./sql-client.js";
import { isoTime } from "./pg-time.js";

type Time = Date | string;
interface FeedRow { tenant_id: string; feed_id: string; url: string; title: string | null; added_by: string; added_at: Time }
interface TopicRow { tenant_id: string; topic_id: string; query: string; name: string | null; added_by: string; added_at: Time }
interface AliasRow { tenant_id: string; name: string; query: string; added_by: string; added_at: Time }
interface DigestRow { tenant_id: string; target: string; schedule: string; topics: string[]; timezone: string | null; added_by: string; added_at: Time }
interface AuditRow { tenant_id: string; at: Time; actor: string; action: string; subject: string }

/** What one change did: whether it changed anything, and the audit row's subject. */
interface Change<T = boolean> { changed: boolean; tenantId: string; subject: string; result?: T }

/** Tenants, their chat-made feeds, topics, aliases and channel digests, and the audit of every change, in PostgreSQL. */
export function createPostgresTenantStore(client: SqlClient): TenantStore {
  // A change and its audit row are one transaction: both or neither.
  const audited = async <T = boolean>(action: string, by: ChangeBy, change: (tx: SqlClient) => Promise<Change<T>>): Promise<Change<T>> =>
    client.transaction(async (tx) => {
      const done = await change(tx);
      if (done.changed) {
        await tx.query("INSERT INTO audit_log (tenant_id, at, actor, action, subject) VALUES ($1, $2, $3, $4, $5)", [done.tenantId, by.at, by.actor, action, done.subject]);
      }
      return done;
    });
  const changed = (rows: unknown[]) => rows.length > 0;
  // Text ordered by code point, as SQLite orders it.
  const byTenant = <Row>(table: string, order: string, tenantId: string | null) =>
    tenantId === null
      ? client.query<Row>(`SELECT * FROM ${table} ORDER BY tenant_id COLLATE "C", ${order}`)
      : client.query<Row>(`SELECT * FROM ${table} WHERE tenant_id = $1 ORDER BY ${order}`, [tenantId]);

  return {
    async listTenants() {
      return (await client.query<{ tenant_id: string }>('SELECT tenant_id FROM tenants ORDER BY tenant_id COLLATE "C"')).map((row) => row.tenant_id);
    },
    async createTenant(tenantId, by) {
      return changed(await client.query("INSERT INTO tenants (tenant_id, created_at, created_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING tenant_id", [tenantId, by.at, by.actor]));
    },
    async tenantFeeds(tenantId) {
      const select = "SELECT t.*, f.url, f.title FROM tenant_feeds t JOIN feeds f USING (feed_id)";
      const rows =
        tenantId === null
          ? await client.query<FeedRow>(`${select} ORDER BY t.tenant_id COLLATE "C", t.added_at, t.feed_id COLLATE "C"`)
          : await client.query<FeedRow>(`${select} WHERE t.tenant_id = $1 ORDER BY t.added_at, t.feed_id COLLATE "C"`, [tenantId]);
      return rows.map((row): TenantFeed => ({ tenantId: row.tenant_id, feedId: row.feed_id, url: row.url, title: row.title, addedBy: row.added_by, addedAt: isoTime(row.added_at) }));
    },
    async subscribeFeed(feed, by) {
      const done = await audited("feed.add", by, async (tx) => {
        await tx.query("INSERT INTO feeds (feed_id, url, title, added_at) VALUES ($1, $2, $3, $4) ON CONFLICT (feed_id) DO NOTHING", [feed.feedId, feed.url, feed.title, by.at]);
        const rows = await tx.query(
          "INSERT INTO tenant_feeds (tenant_id, feed_id, added_by, added_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING feed_id",
          [feed.tenantId, feed.feedId, by.actor, by.at],
        );
        return { changed: changed(rows), tenantId: feed.tenantId, subject: `${feed.feedId} ${feed.url}` };
      });
      return done.changed;
    },
    async unsubscribeFeed(tenantId, feedId, by) {
      const done = await audited("feed.remove", by, async (tx) => {
        const rows = await tx.query("DELETE FROM tenant_feeds WHERE tenant_id = $1 AND feed_id = $2 RETURNING feed_id", [tenantId, feedId]);
        const [feed] = await tx.query<{ url: string }>("SELECT url FROM feeds WHERE feed_id = $1", [feedId]);
        return { changed: changed(rows), tenantId, subject: `${feedId} ${feed?.url ?? ""}`.trim() };
      });
      return done.changed;
    },
    async tenantTopics(tenantId) {
      const rows = await byTenant<TopicRow>("tenant_topics", 'added_at, topic_id COLLATE "C"', tenantId);
      return rows.map((row): TenantTopic => ({ tenantId: row.tenant_id, id: row.topic_id, query: row.query, name: row.name, addedBy: row.added_by, addedAt: isoTime(row.added_at) }));
    },
    async addTopic(topic, by) {
      const done = await audited("topic.add", by, async (tx) => ({
        changed: changed(await tx.query(
          "INSERT INTO tenant_topics (tenant_id, topic_id, query, name, added_by, added_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING topic_id",
          [topic.tenantId, topic.id, topic.query, topic.name ?? null, by.actor, by.at],
        )),
        tenantId: topic.tenantId,
        subject: `${topic.id}${topic.name ? ` ("${topic.name}")` : ""}: ${topic.query}`,
      }));
      return done.changed;
    },
    async removeTopic(tenantId, id, by) {
      const done = await audited("topic.remove", by, async (tx) => ({
        changed: changed(await tx.query("DELETE FROM tenant_topics WHERE tenant_id = $1 AND topic_id = $2 RETURNING topic_id", [tenantId, id])),
        tenantId,
        subject: id,
      }));
      return done.changed;
    },
    async tenantAliases(tenantId) {
      const rows = await byTenant<AliasRow>("tenant_aliases", 'name COLLATE "C"', tenantId);
      return rows.map((row): TenantAlias => ({ tenantId: row.tenant_id, name: row.name, query: row.query, addedBy: row.added_by, addedAt: isoTime(row.added_at) }));
    },
    async setAlias(alias, by) {
      const done = await audited("alias.set", by, async (tx) => {
        // xmax is 0 on a row this statement inserted, and set on one it updated.
        const [row] = await tx.query<{ inserted: boolean }>(
          `INSERT INTO tenant_aliases (tenant_id, name, query, added_by, added_at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (tenant_id, name) DO UPDATE SET query = excluded.query, added_by = excluded.added_by, added_at = excluded.added_at
           RETURNING (xmax = 0) AS inserted`,
          [alias.tenantId, alias.name, alias.query, by.actor, by.at],
        );
        return { changed: true, tenantId: alias.tenantId, subject: `@${alias.name}: ${alias.query}`, result: row?.inserted ?? false };
      });
      return done.result ?? false;
    },
    async removeAlias(tenantId, name, by) {
      const done = await audited("alias.remove", by, async (tx) => ({
        changed: changed(await tx.query("DELETE FROM tenant_aliases WHERE tenant_id = $1 AND name = $2 RETURNING name", [tenantId, name])),
        tenantId,
        subject: `@${name}`,
      }));
      return done.changed;
    },
    async channelDigests(tenantId) {
      const rows = await byTenant<DigestRow>("channel_digests", 'target COLLATE "C"', tenantId);
      return rows.map((row): ChannelDigest => ({
        tenantId: row.tenant_id,
        target: row.target,
        schedule: row.schedule,
        topics: row.topics,
        timeZone: row.timezone,
        addedBy: row.added_by,
        addedAt: isoTime(row.added_at),
      }));
    },
    async setChannelDigest(digest, by) {
      await audited("digest.set", by, async (tx) => {
        await tx.query(
          `INSERT INTO channel_digests (target, tenant_id, schedule, topics, timezone, added_by, added_at) VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7)
           ON CONFLICT (target) DO UPDATE SET tenant_id = excluded.tenant_id, schedule = excluded.schedule, topics = excluded.topics,
             timezone = excluded.timezone, added_by = excluded.added_by, added_at = excluded.added_at`,
          [digest.target, digest.tenantId, digest.schedule, JSON.stringify(digest.topics), digest.timeZone, by.actor, by.at],
        );
        const topics = digest.topics.length > 0 ? ` ${digest.topics.join(" ")}` : "";
        return { changed: true, tenantId: digest.tenantId, subject: `${digest.target} "${digest.schedule}"${topics}${digest.timeZone ? ` tz:${digest.timeZone}` : ""}` };
      });
    },
    async removeChannelDigest(tenantId, target, by) {
      const done = await audited("digest.off", by, async (tx) => ({
        changed: changed(await tx.query("DELETE FROM channel_digests WHERE tenant_id = $1 AND target = $2 RETURNING target", [tenantId, target])),
        tenantId,
        subject: target,
      }));
      return done.changed;
    },
    async auditLog(tenantId, limit) {
      const rows =
        tenantId === null
          ? await client.query<AuditRow>("SELECT * FROM audit_log ORDER BY id DESC LIMIT $1", [limit])
          : await client.query<AuditRow>("SELECT * FROM audit_log WHERE tenant_id = $1 ORDER BY id DESC LIMIT $2", [tenantId, limit]);
      return rows.map((row): AuditEntry => ({ tenantId: row.tenant_id, at: isoTime(row.at), actor: row.actor, action: row.action, subject: row.subject }));
    },
  };
}
