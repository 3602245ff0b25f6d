import { CJK_RANGES } from "../cjk-ranges.js";
import { leaseTable } from "./lease-table.js";
import type { PgMigration } from "./migrate.js";

/**
 * The text the word index reads: title, summary and content with every run of characters that are
 * not letters or digits made a space, so words split where SQLite's unicode61 splits them
 * (`H-200` is `h 200`, `3.5` is `3 5`) rather than where PostgreSQL's parser would (`h`, `-200`).
 * Spelled out rather than `[^[:alnum:]]`, which on a database whose LC_CTYPE is C strips every
 * non-ASCII letter: ASCII other than letters and digits, and the punctuation blocks (quotes, dashes,
 * CJK marks); the parser takes any other non-letter as a gap.
 */
const wordText =
  "regexp_replace(title || ' ' || summary || ' ' || content, " +
  "'([^0-9A-Za-z\\u0080-\\U0010FFFF]|[\\u00A0\\u00A1\\u00AB\\u00BB\\u00BF\\u2000-\\u206F\\u3000-\\u3004\\u3008-\\u303F])+', ' ', 'g')";

/** Version 1 is the schema of SQLite's versions 1 to 11, written for PostgreSQL. */
export const pgMigrations: PgMigration[] = [
  {
    version: 1,
    name: "initial",
    sql: `
      CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
      CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public;
      -- Words as unicode61 with remove_diacritics sees them: lower case, accents gone, no stemming.
      CREATE TEXT SEARCH CONFIGURATION briefing_words (COPY = pg_catalog.simple);
      ALTER TEXT SEARCH CONFIGURATION briefing_words
        ALTER MAPPING FOR word, numword, hword, numhword, hword_part, hword_numpart WITH public.unaccent, pg_catalog.simple;

      CREATE TABLE sources (
        source_id TEXT PRIMARY KEY,
        state JSONB NOT NULL
      );
      CREATE TABLE items (
        key TEXT PRIMARY KEY,
        -- Storage order: search walks candidates newest stored first, as SQLite walks its rowids.
        seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
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
        published_at TIMESTAMPTZ NOT NULL,
        date_missing SMALLINT NOT NULL,
        first_seen_at TIMESTAMPTZ NOT NULL,
        cluster_id TEXT NOT NULL,
        matches JSONB NOT NULL,
        words TSVECTOR GENERATED ALWAYS AS (to_tsvector('briefing_words', ${wordText})) STORED,
        -- Only items with CJK text get trigrams: they cost several times the insert time and size.
        cjk_text TEXT GENERATED ALWAYS AS (
          CASE WHEN title || summary ~ '[${CJK_RANGES}]' THEN title || ' ' || summary END
        ) STORED,
        UNIQUE (source_id, item_id)
      );
      CREATE INDEX items_cluster ON items (cluster_id);
      CREATE INDEX items_first_seen ON items (first_seen_at);
      CREATE INDEX items_published ON items (published_at);
      CREATE INDEX items_words ON items USING GIN (words);
      CREATE INDEX items_cjk ON items USING GIN (cjk_text public.gin_trgm_ops) WHERE cjk_text IS NOT NULL;
      CREATE TABLE item_topics (
        item_key TEXT NOT NULL REFERENCES items (key) ON DELETE CASCADE,
        topic_id TEXT NOT NULL,
        score DOUBLE PRECISION NOT NULL,
        first_seen_at TIMESTAMPTZ NOT NULL,
        PRIMARY KEY (topic_id, item_key)
      );
      CREATE INDEX item_topics_window ON item_topics (topic_id, first_seen_at);
      CREATE TABLE digest_marks (
        digest_id TEXT PRIMARY KEY,
        window_end TIMESTAMPTZ NOT NULL
      );

      CREATE TABLE outbox (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        target TEXT NOT NULL,
        grp TEXT NOT NULL,
        part INTEGER NOT NULL,
        payload JSONB NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TIMESTAMPTZ NOT NULL,
        created_at TIMESTAMPTZ NOT NULL,
        sent_at TIMESTAMPTZ,
        platform_message_id TEXT,
        last_error TEXT
      );
      CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status = 'pending';
      CREATE INDEX outbox_target ON outbox (target, id) WHERE status = 'pending';
      CREATE INDEX outbox_status ON outbox (status, id);
      CREATE TABLE paused_targets (
        target TEXT PRIMARY KEY,
        reason TEXT NOT NULL,
        paused_at TIMESTAMPTZ NOT NULL
      );

      CREATE TABLE watches (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        owner_platform TEXT NOT NULL,
        owner_workspace TEXT,
        owner_user TEXT NOT NULL,
        query TEXT NOT NULL,
        target TEXT NOT NULL,
        created_at TIMESTAMPTZ NOT NULL
      );
      CREATE INDEX watches_owner ON watches (owner_platform, owner_user);
      CREATE TABLE alerts_sent (
        watch_id BIGINT NOT NULL REFERENCES watches (id) ON DELETE CASCADE,
        cluster_id TEXT NOT NULL,
        sent_at TIMESTAMPTZ NOT NULL,
        PRIMARY KEY (watch_id, cluster_id)
      );
      CREATE INDEX alerts_sent_cluster ON alerts_sent (cluster_id);

      -- The story clusterer's index. Term hashes are unsigned 32-bit (BIGINT), keys signed 32-bit.
      CREATE TABLE story_identities (
        identity TEXT PRIMARY KEY,
        item_key TEXT NOT NULL,
        cluster_id TEXT NOT NULL,
        duplicate_of TEXT,
        published_ms BIGINT NOT NULL
      );
      CREATE TABLE story_bands (
        band_key INTEGER NOT NULL,
        start_ms BIGINT NOT NULL,
        cluster_id TEXT NOT NULL,
        PRIMARY KEY (band_key, start_ms, cluster_id)
      );
      CREATE INDEX story_bands_by_start ON story_bands (start_ms);
      CREATE INDEX story_bands_by_cluster ON story_bands (cluster_id);
      CREATE TABLE story_feature_counts (
        feature BIGINT PRIMARY KEY,
        documents INTEGER NOT NULL
      );
      CREATE TABLE story_document_count (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        documents INTEGER NOT NULL
      );
      -- A story merged into another keeps its row, pointing at the other.
      CREATE TABLE story_clusters (
        id TEXT PRIMARY KEY,
        start_ms BIGINT NOT NULL,
        features BYTEA NOT NULL,
        weights BYTEA NOT NULL,
        norm DOUBLE PRECISION NOT NULL,
        members BYTEA NOT NULL,
        sources JSONB NOT NULL,
        size INTEGER NOT NULL,
        merged_into TEXT
      );

      CREATE TABLE tenants (
        tenant_id TEXT PRIMARY KEY,
        created_at TIMESTAMPTZ NOT NULL,
        created_by TEXT NOT NULL
      );
      CREATE TABLE feeds (
        feed_id TEXT PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        title TEXT,
        added_at TIMESTAMPTZ NOT NULL
      );
      CREATE TABLE tenant_feeds (
        tenant_id TEXT NOT NULL,
        feed_id TEXT NOT NULL REFERENCES feeds (feed_id),
        added_by TEXT NOT NULL,
        added_at TIMESTAMPTZ NOT NULL,
        PRIMARY KEY (tenant_id, feed_id)
      );
      CREATE TABLE tenant_topics (
        tenant_id TEXT NOT NULL,
        topic_id TEXT NOT NULL,
        query TEXT NOT NULL,
        name TEXT,
        added_by TEXT NOT NULL,
        added_at TIMESTAMPTZ NOT NULL,
        PRIMARY KEY (tenant_id, topic_id)
      );
      CREATE TABLE tenant_aliases (
        tenant_id TEXT NOT NULL,
        name TEXT NOT NULL,
        query TEXT NOT NULL,
        added_by TEXT NOT NULL,
        added_at TIMESTAMPTZ NOT NULL,
        PRIMARY KEY (tenant_id, name)
      );
      CREATE TABLE channel_digests (
        target TEXT PRIMARY KEY,
        tenant_id TEXT NOT NULL,
        schedule TEXT NOT NULL,
        topics JSONB NOT NULL,
        timezone TEXT,
        added_by TEXT NOT NULL,
        added_at TIMESTAMPTZ NOT NULL
      );
      CREATE TABLE audit_log (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        tenant_id TEXT NOT NULL,
        at TIMESTAMPTZ NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        subject TEXT NOT NULL
      );
      CREATE INDEX audit_by_tenant ON audit_log (tenant_id, id);

      -- The platform's whole installation record (tokens included), sealed with BRIEFING_SECRET_KEY.
      CREATE TABLE installations (
        tenant_id TEXT PRIMARY KEY,
        platform TEXT NOT NULL,
        team_name TEXT,
        installed_by TEXT,
        installed_at TIMESTAMPTZ NOT NULL,
        sealed TEXT NOT NULL
      );
      CREATE TABLE oauth_states (
        state TEXT PRIMARY KEY,
        expires_at TIMESTAMPTZ NOT NULL
      );

      -- Milliseconds, as the port takes them (Slack's retries are counted in its own clock's time).
      CREATE TABLE request_replays (
        key TEXT PRIMARY KEY,
        seen_at BIGINT NOT NULL
      );
      CREATE INDEX request_replays_seen ON request_replays (seen_at);
      ${leaseTable}
    `,
  },
];
