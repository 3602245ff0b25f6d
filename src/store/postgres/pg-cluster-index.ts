import { mostFoundFirst, type ClusterIndex, type IndexedCluster, type IndexedItem } from "../../cluster/index.js";
import { decodeFloats, decodeTermSets, decodeTerms, encodeFloats, encodeTermSets, encodeTerms } from "../term-blobs.js";
import type { SqlClient } from "./sql-client.js";

interface PgClusterRow {
  id: string;
  start_ms: number;
  features: Uint8Array;
  weights: Uint8Array;
  norm: number;
  members: Uint8Array;
  sources: string[];
  size: number;
}

// Any fixed number, other than the migration lock's: every worker assigning on one database takes it.
const ASSIGN_LOCK = 7_240_119;

/** pg gives BYTEA as a Buffer, PGlite as a plain Uint8Array; the term decoders read Buffers. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function rowToCluster(row: PgClusterRow): IndexedCluster {
  return {
    id: row.id,
    startMs: Number(row.start_ms),
    centroid: { features: decodeTerms(asBuffer(row.features)), weights: decodeFloats(asBuffer(row.weights)), norm: row.norm },
    members: decodeTermSets(asBuffer(row.members)),
    sources: row.sources,
    size: row.size,
  };
}

/**
 * The story clusterer's index in PostgreSQL. `serially` runs an assignment (its reads and its save) in
 * one transaction holding a transaction-level advisory lock, so workers sharing the database assign
 * one item at a time and each sees the stories the others opened: two never open two stories for one event.
 */
export function createPostgresClusterIndex(client: SqlClient): ClusterIndex {
  // The transaction of the assignment under way in this process; its reads and writes go there.
  let inside: SqlClient | null = null;
  const db = () => inside ?? client;
  let queue: Promise<unknown> = Promise.resolve();

  /** Each of `ids` (a story) mapped to the story it is part of now, following merges. */
  async function currentClusters(ids: string[]): Promise<Map<string, IndexedCluster>> {
    if (ids.length === 0) return new Map();
    const rows = await db().query<PgClusterRow & { start_id: string }>(
      `WITH RECURSIVE chain (start_id, id, merged_into, hops) AS (
         SELECT id, id, merged_into, 0 FROM story_clusters WHERE id = ANY($1::text[])
         UNION ALL
         SELECT chain.start_id, c.id, c.merged_into, chain.hops + 1 FROM chain JOIN story_clusters c ON c.id = chain.merged_into WHERE chain.hops < 64
       )
       SELECT chain.start_id, s.id, s.start_ms, s.features, s.weights, s.norm, s.members, s.sources, s.size
       FROM chain JOIN story_clusters s ON s.id = chain.id WHERE chain.merged_into IS NULL`,
      [ids],
    );
    return new Map(rows.map((row) => [row.start_id, rowToCluster(row)]));
  }

  return {
    serially(work) {
      const run = queue.then(() =>
        client.transaction(async (tx) => {
          await tx.query("SELECT pg_advisory_xact_lock($1)", [ASSIGN_LOCK]);
          inside = tx;
          try {
            return await work();
          } finally {
            inside = null;
          }
        }),
      );
      queue = run.catch(() => undefined);
      return run;
    },
    async findItem(identity) {
      const [row] = await db().query<{ item_key: string; cluster_id: string; duplicate_of: string | null; published_ms: number }>(
        "SELECT item_key, cluster_id, duplicate_of, published_ms FROM story_identities WHERE identity = $1",
        [identity],
      );
      const cluster = row && (await currentClusters([row.cluster_id])).get(row.cluster_id);
      if (!row || !cluster) return null;
      const item: IndexedItem = { key: row.item_key, clusterId: cluster.id, duplicateOf: row.duplicate_of, publishedMs: Number(row.published_ms) };
      return { item, cluster };
    },
    async findClusters(bandKeys, fromMs, toMs, maxPerKey, minKeys = 1) {
      if (bandKeys.length === 0) return [];
      // Per key (in the order given), up to maxPerKey + 1 stories in range: one more than allowed marks the key as skipped.
      const rows = await db().query<{ ord: number; cluster_id: string }>(
        `SELECT k.ord, b.cluster_id FROM unnest($1::int[]) WITH ORDINALITY AS k (band_key, ord)
         CROSS JOIN LATERAL (
           SELECT cluster_id, min(start_ms) AS first_ms FROM story_bands
           WHERE band_key = k.band_key AND start_ms BETWEEN $2 AND $3
           GROUP BY cluster_id ORDER BY first_ms, cluster_id COLLATE "C" LIMIT $4
         ) AS b
         ORDER BY k.ord, b.first_ms, b.cluster_id COLLATE "C"`,
        [[...bandKeys], fromMs, toMs, maxPerKey + 1],
      );
      const perKey = new Map<number, string[]>();
      for (const row of rows) perKey.set(Number(row.ord), [...(perKey.get(Number(row.ord)) ?? []), row.cluster_id]);
      const hits = new Map<string, number>();
      let skipped = 0;
      for (const ids of perKey.values()) {
        if (ids.length > maxPerKey) skipped++;
        else for (const id of ids) hits.set(id, (hits.get(id) ?? 0) + 1);
      }
      for (const [id, count] of hits) if (count + skipped < minKeys) hits.delete(id);
      const found = mostFoundFirst(hits);
      const current = await currentClusters(found);
      // A merged story is found under its own id too: answer it once.
      const seen = new Set<string>();
      return found.flatMap((id) => {
        const cluster = current.get(id);
        if (!cluster || seen.has(cluster.id)) return [];
        seen.add(cluster.id);
        return [cluster];
      });
    },
    async documentFrequencies(features) {
      const [total] = await db().query<{ documents: number }>("SELECT documents FROM story_document_count WHERE id = 1");
      const rows = features.length === 0 ? [] : await db().query<{ feature: number; documents: number }>(
        "SELECT feature, documents FROM story_feature_counts WHERE feature = ANY($1::bigint[])",
        [Array.from(features)],
      );
      const counts = new Map(rows.map((row) => [Number(row.feature), row.documents]));
      return { documents: total?.documents ?? 0, counts: Array.from(features, (feature) => counts.get(feature) ?? 0) };
    },
    async save({ item, identities, cluster, absorbed, bandKeys, features }) {
      await db().transaction(async (tx) => {
        for (const identity of identities) {
          await tx.query(
            `INSERT INTO story_identities (identity, item_key, cluster_id, duplicate_of, published_ms) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (identity) DO UPDATE SET item_key = excluded.item_key, cluster_id = excluded.cluster_id,
               duplicate_of = excluded.duplicate_of, published_ms = excluded.published_ms
             WHERE excluded.published_ms >= story_identities.published_ms`,
            [identity, item.key, item.clusterId, item.duplicateOf, item.publishedMs],
          );
        }
        if (features.length > 0) {
          await tx.query("INSERT INTO story_document_count (id, documents) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET documents = story_document_count.documents + 1");
          await tx.query(
            `INSERT INTO story_feature_counts (feature, documents) SELECT feature, count(*) FROM unnest($1::bigint[]) AS f (feature) GROUP BY feature
             ON CONFLICT (feature) DO UPDATE SET documents = story_feature_counts.documents + excluded.documents`,
            [Array.from(features)],
          );
        }
        if (!cluster) return;
        const { centroid } = cluster;
        await tx.query(
          `INSERT INTO story_clusters (id, start_ms, features, weights, norm, members, sources, size) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8)
           ON CONFLICT (id) DO UPDATE SET start_ms = excluded.start_ms, features = excluded.features, weights = excluded.weights,
             norm = excluded.norm, members = excluded.members, sources = excluded.sources, size = excluded.size`,
          [cluster.id, cluster.startMs, encodeTerms(centroid.features), encodeFloats(centroid.weights), centroid.norm, encodeTermSets(cluster.members), JSON.stringify(cluster.sources), cluster.size],
        );
        for (const id of absorbed) {
          // The absorbed row keeps only its pointer: its terms now live in the story it joined.
          await tx.query("UPDATE story_clusters SET merged_into = $1, features = '', weights = '', members = '' WHERE id = $2 OR merged_into = $2", [cluster.id, id]);
          await tx.query(
            "INSERT INTO story_bands (band_key, start_ms, cluster_id) SELECT band_key, start_ms, $1 FROM story_bands WHERE cluster_id = $2 ON CONFLICT DO NOTHING",
            [cluster.id, id],
          );
          await tx.query("DELETE FROM story_bands WHERE cluster_id = $1", [id]);
        }
        if (bandKeys.length > 0) {
          await tx.query(
            "INSERT INTO story_bands (band_key, start_ms, cluster_id) SELECT DISTINCT unnest($1::int[]), $2::bigint, $3 ON CONFLICT DO NOTHING",
            [[...bandKeys], cluster.startMs, cluster.id],
          );
        }
      });
    },
    async prune(beforeMs) {
      await db().query("DELETE FROM story_bands WHERE start_ms < $1", [beforeMs]);
    },
  };
}
