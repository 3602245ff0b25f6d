import { CJK_RANGES } from "../cjk-ranges.js";
import { storyCentroidTables, storyTermTables } from "./sqlite-cluster-index.js";

/** Stories by profile, as version 5 made them (replaced by version 7). */
const storyProfileTable = `
  CREATE TABLE IF NOT EXISTS story_clusters (
    id TEXT PRIMARY KEY,
    start_ms INTEGER NOT NULL,
    features BLOB NOT NULL,
    weight REAL NOT NULL,
    sources TEXT NOT NULL,
    size INTEGER NOT NULL
  ) WITHOUT ROWID;
`;

/** Versioned schema changes, applied in order on open; never edit one that has shipped, add the next. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}


export const migrations: Migration[] = [
  {
    version: 1,
    name: "initial",
    sql: `
      CREATE TABLE sources (
        source_id TEXT PRIMARY KEY,
        state TEXT NOT NULL
      );
      CREATE TABLE items (
        key TEXT PRIMARY KEY,
        source_id TEXT NOT NULL,
        item_id TEXT NOT NULL,
        guid TEXT,
        link TEXT,
        url TEXT,
        title TEXT NOT NULL,
        summary TEXT NOT NULL,
        content TEXT NOT NULL,
        author TEXT,
        language TEXT,
        published_at TEXT NOT NULL,
        date_missing INTEGER NOT NULL,
        first_seen_at TEXT NOT NULL,
        cluster_id TEXT NOT NULL,
        matches TEXT NOT NULL,
        UNIQUE (source_id, item_id)
      );
      CREATE INDEX items_cluster ON items (cluster_id);
      CREATE INDEX items_first_seen ON items (first_seen_at);
      CREATE TABLE item_topics (
        item_key TEXT NOT NULL REFERENCES items (key) ON DELETE CASCADE,
        topic_id TEXT NOT NULL,
        score REAL NOT NULL,
        first_seen_at TEXT NOT NULL,
        PRIMARY KEY (topic_id, item_key)
      );
      CREATE INDEX item_topics_window ON item_topics (topic_id, first_seen_at);
      CREATE TABLE digest_marks (
        digest_id TEXT PRIMARY KEY,
        window_end TEXT NOT NULL
      );
      CREATE TABLE outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        key TEXT NOT NULL UNIQUE,
        target TEXT NOT NULL,
        grp TEXT NOT NULL,
        part INTEGER NOT NULL,
        payload TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending',
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT NOT NULL,
        created_at TEXT NOT NULL,
        sent_at TEXT,
        platform_message_id TEXT,
        last_error TEXT
      );
      CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
    `,
  },
  {
    version: 2,
    name: "watches",
    sql: `
      CREATE TABLE watches (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        owner_platform TEXT NOT NULL,
        owner_workspace TEXT,
        owner_user TEXT NOT NULL,
        query TEXT NOT NULL,
        target TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX watches_owner ON watches (owner_platform, owner_user);
      CREATE TABLE alerts_sent (
        watch_id INTEGER NOT NULL REFERENCES watches (id) ON DELETE CASCADE,
        cluster_id TEXT NOT NULL,
        sent_at TEXT NOT NULL,
        PRIMARY KEY (watch_id, cluster_id)
      );
    `,
  },
  {
    version: 3,
    name: "full-text search",
    // unicode61 splits Latin text into words; it cannot split Chinese, so a trigram index serves CJK
    // terms. Only items with CJK text enter it: trigrams cost several times the insert time and size.
    sql: `
      CREATE VIRTUAL TABLE items_fts USING fts5(
        title, summary, content, content='items', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2', prefix='4 5 6 7 8'
      );
      CREATE VIRTUAL TABLE items_fts_cjk USING fts5(
        title, summary, content='items', content_rowid='rowid', tokenize='trigram'
      );
      CREATE TRIGGER items_fts_insert AFTER INSERT ON items BEGIN
        INSERT INTO items_fts (rowid, title, summary, content) VALUES (new.rowid, new.title, new.summary, new.content);
      END;
      CREATE TRIGGER items_fts_cjk_insert AFTER INSERT ON items
        WHEN (new.title || new.summary) GLOB '*[${CJK_RANGES}]*' BEGIN
        INSERT INTO items_fts_cjk (rowid, title, summary) VALUES (new.rowid, new.title, new.summary);
      END;
      CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN
        INSERT INTO items_fts (items_fts, rowid, title, summary, content) VALUES ('delete', old.rowid, old.title, old.summary, old.content);
      END;
      CREATE TRIGGER items_fts_cjk_delete AFTER DELETE ON items
        WHEN (old.title || old.summary) GLOB '*[${CJK_RANGES}]*' BEGIN
        INSERT INTO items_fts_cjk (items_fts_cjk, rowid, title, summary) VALUES ('delete', old.rowid, old.title, old.summary);
      END;
      CREATE INDEX items_published ON items (published_at);
    `,
  },
  {
    version: 4,
    name: "outbox pauses",
    sql: `
      CREATE TABLE paused_targets (
        target TEXT PRIMARY KEY,
        reason TEXT NOT NULL,
        paused_at TEXT NOT NULL
      );
      CREATE INDEX outbox_target ON outbox (target, status, id);
    `,
  },
  {
    version: 5,
    name: "story clusters",
    sql: storyTermTables + storyProfileTable,
  },
  {
    version: 6,
    name: "moved feeds",
    // Source states are JSON; older ones predate `movedTo` (where a feed moved by 301/308).
    sql: `UPDATE sources SET state = json_set(state, '$.movedTo', NULL) WHERE json_type(state, '$.movedTo') IS NULL;`,
  },
  {
    version: 7,
    name: "story centroids",
    // Stories are now compared by centroid and can merge; the old profiles cannot be converted.
    // Identities and term counts stay valid and are kept.
    sql: `DROP TABLE story_clusters; DELETE FROM story_bands; ${storyCentroidTables}`,
  },
  {
    version: 8,
    name: "tenants",
    // Each Slack workspace or Discord server managed from chat is a tenant. A feed is stored once by
    // its canonical URL and polled once; tenants subscribe to it. The YAML config's tenant is "default".
    sql: `
      CREATE TABLE tenants (
        tenant_id TEXT PRIMARY KEY,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL
      );
      CREATE TABLE feeds (
        feed_id TEXT PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        title TEXT,
        added_at TEXT NOT NULL
      );
      CREATE TABLE tenant_feeds (
        tenant_id TEXT NOT NULL,
        feed_id TEXT NOT NULL REFERENCES feeds (feed_id),
        added_by TEXT NOT NULL,
        added_at TEXT NOT NULL,
        PRIMARY KEY (tenant_id, feed_id)
      ) WITHOUT ROWID;
      CREATE TABLE tenant_topics (
        tenant_id TEXT NOT NULL,
        topic_id TEXT NOT NULL,
        query TEXT NOT NULL,
        added_by TEXT NOT NULL,
        added_at TEXT NOT NULL,
        PRIMARY KEY (tenant_id, topic_id)
      ) WITHOUT ROWID;
      CREATE TABLE channel_digests (
        target TEXT PRIMARY KEY,
        tenant_id TEXT NOT NULL,
        schedule TEXT NOT NULL,
        topics TEXT NOT NULL,
        timezone TEXT,
        added_by TEXT NOT NULL,
        added_at TEXT NOT NULL
      );
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        tenant_id TEXT NOT NULL,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        subject TEXT NOT NULL
      );
      CREATE INDEX audit_by_tenant ON audit_log (tenant_id, id);
    `,
  },
  {
    version: 9,
    name: "chat installations",
    // `sealed` holds the platform's whole installation record (tokens included), sealed with
    // BRIEFING_SECRET_KEY; only what is needed to list and find installations stays in clear.
    sql: `
      CREATE TABLE installations (
        tenant_id TEXT PRIMARY KEY,
        platform TEXT NOT NULL,
        team_name TEXT,
        installed_by TEXT,
        installed_at TEXT NOT NULL,
        sealed TEXT NOT NULL
      );
      CREATE TABLE oauth_states (
        state TEXT PRIMARY KEY,
        expires_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 10,
    name: "topic names and tenant aliases",
    // A chat-made topic's display name; a tenant's own `@name` aliases (the YAML ones stay the default tenant's).
    sql: `
      ALTER TABLE tenant_topics ADD COLUMN name TEXT;
      CREATE TABLE tenant_aliases (
        tenant_id TEXT NOT NULL,
        name TEXT NOT NULL,
        query TEXT NOT NULL,
        added_by TEXT NOT NULL,
        added_at TEXT NOT NULL,
        PRIMARY KEY (tenant_id, name)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 11,
    name: "worker lease and request replays",
    // Both used to be created on first use; files written since then have them already.
    sql: `
      CREATE TABLE IF NOT EXISTS worker_lease (
        name TEXT PRIMARY KEY,
        pid INTEGER NOT NULL,
        host TEXT NOT NULL,
        since TEXT NOT NULL,
        heartbeat_at TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS request_replays (key TEXT PRIMARY KEY, seen_at INTEGER NOT NULL);
      CREATE INDEX IF NOT EXISTS request_replays_seen ON request_replays (seen_at);
    `,
  },
];
