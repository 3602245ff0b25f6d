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
];
