import type Database from "better-sqlite3";
import { mostFoundFirst, type ClusterIndex, type ClusterIndexEntry, type IndexedCluster, type IndexedItem } from "../../cluster/index.js";

/**
 * Tables the story clusterer's index needs (CREATE ... IF NOT EXISTS); the runtime applies them
 * as a versioned migration. Feature hashes are unsigned 32-bit, LSH keys signed 32-bit.
 */
export const clusterIndexSchema = `
  CREATE TABLE IF NOT EXISTS story_identities (
    identity TEXT PRIMARY KEY,
    item_key TEXT NOT NULL,
    cluster_id TEXT NOT NULL,
    duplicate_of TEXT,
    published_ms INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS story_clusters (
    id TEXT PRIMARY KEY,
    start_ms INTEGER NOT NULL,
    features BLOB NOT NULL,
    weight REAL NOT NULL,
    sources TEXT NOT NULL,
    size INTEGER NOT NULL
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

interface ClusterRow {
  id: string;
  start_ms: number;
  features: Buffer;
  weight: number;
  sources: string;
  size: number;
}

interface IdentityRow {
  item_key: string;
  cluster_id: string;
  duplicate_of: string | null;
  published_ms: number;
}

/** Sorted feature hashes as little-endian uint32s, so the file reads the same on any machine. */
function encodeFeatures(features: Uint32Array): Buffer {
  const buffer = Buffer.alloc(features.length * 4);
  features.forEach((value, i) => buffer.writeUInt32LE(value, i * 4));
  return buffer;
}

function decodeFeatures(buffer: Buffer): Uint32Array {
  const features = new Uint32Array(buffer.length / 4);
  for (let i = 0; i < features.length; i++) features[i] = buffer.readUInt32LE(i * 4);
  return features;
}

function rowToCluster(row: ClusterRow): IndexedCluster {
  return {
    id: row.id,
    startMs: row.start_ms,
    features: decodeFeatures(row.features),
    weight: row.weight,
    sources: JSON.parse(row.sources) as string[],
    size: row.size,
  };
}

/** The story clusterer's index in the bot's SQLite file, so stories survive restarts. */
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
    `INSERT INTO story_clusters (id, start_ms, features, weight, sources, size) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET features = excluded.features, weight = excluded.weight,
       sources = excluded.sources, size = excluded.size`,
  );
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

  const save = db.transaction(({ item, identities, cluster, bandKeys, features }: ClusterIndexEntry) => {
    for (const identity of identities) putIdentity.run(identity, item.key, item.clusterId, item.duplicateOf, item.publishedMs);
    if (features.length > 0) countDocument.run();
    for (const feature of features) countFeature.run(feature);
    if (!cluster) return;
    putCluster.run(cluster.id, cluster.startMs, encodeFeatures(cluster.features), cluster.weight, JSON.stringify(cluster.sources), cluster.size);
    for (const key of bandKeys) putBand.run(key, cluster.startMs, cluster.id);
  });

  return {
    async findItem(identity) {
      const row = getIdentity.get(identity);
      const cluster = row && getCluster.get(row.cluster_id);
      if (!row || !cluster) return null;
      const item: IndexedItem = { key: row.item_key, clusterId: row.cluster_id, duplicateOf: row.duplicate_of, publishedMs: row.published_ms };
      return { item, cluster: rowToCluster(cluster) };
    },
    async findClusters(bandKeys, fromMs, toMs, maxPerKey) {
      const hits = new Map<string, number>();
      for (const key of bandKeys) {
        const rows = bandClusters.all(key, fromMs, toMs, maxPerKey + 1);
        if (rows.length <= maxPerKey) for (const row of rows) hits.set(row.cluster_id, (hits.get(row.cluster_id) ?? 0) + 1);
      }
      return mostFoundFirst(hits).flatMap((id) => {
        const row = getCluster.get(id);
        return row ? [rowToCluster(row)] : [];
      });
    },
    async documentFrequencies(features) {
      return {
        documents: getDocuments.get()?.documents ?? 0,
        counts: Array.from(features, (feature) => getCount.get(feature)?.documents ?? 0),
      };
    },
    async save(entry) {
      save.immediate(entry);
    },
    async prune(beforeMs) {
      pruneBands.run(beforeMs);
    },
  };
}
