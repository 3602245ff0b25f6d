import type Database from "better-sqlite3";
import { retryWhenBusy } from "./retry-when-busy.js";
import { mostFoundFirst, type ClusterIndex, type ClusterIndexEntry, type IndexedCluster, type IndexedItem } from "../../cluster/index.js";
import { decodeFloats, decodeTermSets, decodeTerms, encodeFloats, encodeTermSets, encodeTerms } from "../term-blobs.js";

/**
 * The story index's tables that version 5 made and later versions keep as they are (identities,
 * term postings, term counts). Term hashes are unsigned 32-bit, keys signed 32-bit.
 */
export const storyTermTables = `
  CREATE TABLE IF NOT EXISTS story_identities (
    identity TEXT PRIMARY KEY,
    item_key TEXT NOT NULL,
    cluster_id TEXT NOT NULL,
    duplicate_of TEXT,
    published_ms INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS story_bands (
    band_key INTEGER NOT NULL,
    start_ms INTEGER NOT NULL,
    cluster_id TEXT NOT NULL,
    PRIMARY KEY (band_key, start_ms, cluster_id)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS story_bands_by_start ON story_bands (start_ms);
  CREATE TABLE IF NOT EXISTS story_feature_counts (
    feature INTEGER PRIMARY KEY,
    documents INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS story_document_count (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    documents INTEGER NOT NULL
  );
`;

/** Stories by centroid (version 7). A story merged into another keeps its row, pointing at the other. */
export const storyCentroidTables = `
  CREATE TABLE IF NOT EXISTS story_clusters (
    id TEXT PRIMARY KEY,
    start_ms INTEGER NOT NULL,
    features BLOB NOT NULL,
    weights BLOB NOT NULL,
    norm REAL NOT NULL,
    members BLOB NOT NULL,
    sources TEXT NOT NULL,
    size INTEGER NOT NULL,
    merged_into TEXT
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS story_bands_by_cluster ON story_bands (cluster_id);
`;

/** Every table the story clusterer's index needs (CREATE ... IF NOT EXISTS), for a fresh file. */
export const clusterIndexSchema = storyTermTables + storyCentroidTables;

interface ClusterRow {
  id: string;
  start_ms: number;
  features: Buffer;
  weights: Buffer;
  norm: number;
  members: Buffer;
  sources: string;
  size: number;
  merged_into: string | null;
}

interface IdentityRow {
  item_key: string;
  cluster_id: string;
  duplicate_of: string | null;
  published_ms: number;
}

function rowToCluster(row: ClusterRow): IndexedCluster {
  return {
    id: row.id,
    startMs: row.start_ms,
    centroid: { features: decodeTerms(row.features), weights: decodeFloats(row.weights), norm: row.norm },
    members: decodeTermSets(row.members),
    sources: JSON.parse(row.sources) as string[],
    size: row.size,
  };
}

/**
 * The story clusterer's index in the bot's SQLite file, so stories survive restarts. `serially`
 * holds a write lock (BEGIN IMMEDIATE) from an assignment's first read to its save, so processes
 * sharing the file assign one item at a time and each sees the stories the others opened.
 */
export function createSqliteClusterIndex(db: Database.Database): ClusterIndex {
  const getIdentity = db.prepare<[string], IdentityRow>(
    "SELECT item_key, cluster_id, duplicate_of, published_ms FROM story_identities WHERE identity = ?",
  );
  const getCluster = db.prepare<[string], ClusterRow>("SELECT * FROM story_clusters WHERE id = ?");
  const bandClusters = db.prepare<[number, number, number, number], { cluster_id: string }>(
    "SELECT DISTINCT cluster_id FROM story_bands WHERE band_key = ? AND start_ms BETWEEN ? AND ? LIMIT ?",
  );
  const getCount = db.prepare<[number], { documents: number }>("SELECT documents FROM story_feature_counts WHERE feature = ?");
  const getDocuments = db.prepare<[], { documents: number }>("SELECT documents FROM story_document_count WHERE id = 1");
  const putIdentity = db.prepare(
    `INSERT INTO story_identities (identity, item_key, cluster_id, duplicate_of, published_ms) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (identity) DO UPDATE SET item_key = excluded.item_key, cluster_id = excluded.cluster_id,
       duplicate_of = excluded.duplicate_of, published_ms = excluded.published_ms
     WHERE excluded.published_ms >= story_identities.published_ms`,
  );
  const putCluster = db.prepare(
    `INSERT INTO story_clusters (id, start_ms, features, weights, norm, members, sources, size) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET start_ms = excluded.start_ms, features = excluded.features, weights = excluded.weights,
       norm = excluded.norm, members = excluded.members, sources = excluded.sources, size = excluded.size`,
  );
  // The absorbed row keeps only its pointer: its terms now live in the story it joined.
  const mergeCluster = db.prepare(
    "UPDATE story_clusters SET merged_into = @into, features = x'', weights = x'', members = x'' WHERE id = @id OR merged_into = @id",
  );
  const moveBands = db.prepare("UPDATE OR IGNORE story_bands SET cluster_id = ? WHERE cluster_id = ?");
  const dropBands = db.prepare("DELETE FROM story_bands WHERE cluster_id = ?");
  const putBand = db.prepare("INSERT OR IGNORE INTO story_bands (band_key, start_ms, cluster_id) VALUES (?, ?, ?)");
  const countFeature = db.prepare(
    `INSERT INTO story_feature_counts (feature, documents) VALUES (?, 1)
     ON CONFLICT (feature) DO UPDATE SET documents = documents + 1`,
  );
  const countDocument = db.prepare(
    `INSERT INTO story_document_count (id, documents) VALUES (1, 1)
     ON CONFLICT (id) DO UPDATE SET documents = documents + 1`,
  );
  const pruneBands = db.prepare("DELETE FROM story_bands WHERE start_ms < ?");

  /** The story `id` is part of now, following merges. */
  function currentCluster(id: string): ClusterRow | undefined {
    let row = getCluster.get(id);
    for (let hops = 0; row?.merged_into && hops < 64; hops++) row = getCluster.get(row.merged_into);
    return row?.merged_into ? undefined : row;
  }

  const save = db.transaction(({ item, identities, cluster, absorbed, bandKeys, features }: ClusterIndexEntry) => {
    for (const identity of identities) putIdentity.run(identity, item.key, item.clusterId, item.duplicateOf, item.publishedMs);
    if (features.length > 0) countDocument.run();
    for (const feature of features) countFeature.run(feature);
    if (!cluster) return;
    const { centroid } = cluster;
    putCluster.run(
      cluster.id, cluster.startMs, encodeTerms(centroid.features), encodeFloats(centroid.weights), centroid.norm,
      encodeTermSets(cluster.members), JSON.stringify(cluster.sources), cluster.size,
    );
    for (const id of absorbed) {
      mergeCluster.run({ into: cluster.id, id });
      moveBands.run(cluster.id, id);
      dropBands.run(id);
    }
    for (const key of bandKeys) putBand.run(key, cluster.startMs, cluster.id);
  });

  let queue: Promise<unknown> = Promise.resolve();
  return {
    serially(work) {
      const run = queue.then(async () => {
        // Another process may hold the write lock: wait for it on timers, not inside SQLite's busy timeout.
        await retryWhenBusy(() => db.exec("BEGIN IMMEDIATE"));
        try {
          const result = await work();
          db.exec("COMMIT");
          return result;
        } catch (error) {
          if (db.inTransaction) db.exec("ROLLBACK");
          throw error;
        }
      });
      queue = run.catch(() => undefined);
      return run;
    },
    async findItem(identity) {
      const row = getIdentity.get(identity);
      const cluster = row && currentCluster(row.cluster_id);
      if (!row || !cluster) return null;
      const item: IndexedItem = { key: row.item_key, clusterId: cluster.id, duplicateOf: row.duplicate_of, publishedMs: row.published_ms };
      return { item, cluster: rowToCluster(cluster) };
    },
    async findClusters(bandKeys, fromMs, toMs, maxPerKey, minKeys = 1) {
      const hits = new Map<string, number>();
      let skipped = 0;
      for (const key of bandKeys) {
        const rows = bandClusters.all(key, fromMs, toMs, maxPerKey + 1);
        if (rows.length > maxPerKey) skipped++;
        else for (const row of rows) hits.set(row.cluster_id, (hits.get(row.cluster_id) ?? 0) + 1);
      }
      for (const [id, count] of hits) if (count + skipped < minKeys) hits.delete(id);
      // A merged story is found under its own id too: answer it once.
      const seen = new Set<string>();
      return mostFoundFirst(hits).flatMap((id) => {
        const row = currentCluster(id);
        if (!row || seen.has(row.id)) return [];
        seen.add(row.id);
        return [rowToCluster(row)];
      });
    },
    async documentFrequencies(features) {
      return {
        documents: getDocuments.get()?.documents ?? 0,
        counts: Array.from(features, (feature) => getCount.get(feature)?.documents ?? 0),
      };
    },
    async save(entry) {
      save(entry);
    },
    async prune(beforeMs) {
      pruneBands.run(beforeMs);
    },
  };
}
