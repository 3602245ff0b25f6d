import type Database from "better-sqlite3";
import type { ClusterIndex, ClusterIndexEntry, IndexedCluster } from "../../cluster/cluster-index.js";

/** Tables the clusterer's index needs; applied as a versioned migration. */
export const clusterIndexSchema = `
  CREATE TABLE IF NOT EXISTS cluster_identities (
    identity TEXT PRIMARY KEY,
    item_key TEXT NOT NULL,
    cluster_id TEXT NOT NULL,
    duplicate_of TEXT,
    published_ms INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS clusters (
    id TEXT PRIMARY KEY,
    start_ms INTEGER NOT NULL,
    features BLOB NOT NULL,
    weight REAL NOT NULL,
    sources TEXT NOT NULL,
    size INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS cluster_bands (
    band_key INTEGER NOT NULL,
    cluster_id TEXT NOT NULL,
    start_ms INTEGER NOT NULL,
    PRIMARY KEY (band_key, cluster_id)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS cluster_feature_counts (
    feature INTEGER PRIMARY KEY,
    count INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS cluster_documents (
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

function rowToCluster(row: ClusterRow): IndexedCluster {
  const bytes = new Uint8Array(row.features);
  return {
    id: row.id,
    startMs: row.start_ms,
    features: new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)),
    weight: row.weight,
    sources: JSON.parse(row.sources) as string[],
    size: row.size,
  };
}

/** The clusterer's index in the bot's SQLite file, so stories survive restarts. */
export function createSqliteClusterIndex(db: Database.Database): ClusterIndex {
  const findIdentity = db.prepare(
    `SELECT i.item_key, i.cluster_id, i.duplicate_of, i.published_ms, c.* FROM cluster_identities AS i
     JOIN clusters AS c ON c.id = i.cluster_id WHERE i.identity = ?`,
  );
  // One more than the limit is enough to know a key is too common to mean anything.
  const findBand = db.prepare(
    `SELECT c.* FROM cluster_bands AS b JOIN clusters AS c ON c.id = b.cluster_id
     WHERE b.band_key = ? AND b.start_ms BETWEEN ? AND ? LIMIT ?`,
  );
  const putIdentity = db.prepare(
    `INSERT INTO cluster_identities (identity, item_key, cluster_id, duplicate_of, published_ms) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (identity) DO UPDATE SET item_key = excluded.item_key, cluster_id = excluded.cluster_id,
       duplicate_of = excluded.duplicate_of, published_ms = excluded.published_ms
     WHERE excluded.published_ms >= cluster_identities.published_ms`,
  );
  const putCluster = db.prepare(
    `INSERT INTO clusters (id, start_ms, features, weight, sources, size) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET start_ms = excluded.start_ms, features = excluded.features,
       weight = excluded.weight, sources = excluded.sources, size = excluded.size`,
  );
  const putBand = db.prepare("INSERT OR IGNORE INTO cluster_bands (band_key, cluster_id, start_ms) VALUES (?, ?, ?)");
  const countFeature = db.prepare(
    "INSERT INTO cluster_feature_counts (feature, count) VALUES (?, 1) ON CONFLICT (feature) DO UPDATE SET count = count + 1",
  );
  const featureCount = db.prepare("SELECT count FROM cluster_feature_counts WHERE feature = ?").pluck();
  const countDocument = db.prepare(
    "INSERT INTO cluster_documents (id, documents) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET documents = documents + 1",
  );
  const documents = db.prepare("SELECT documents FROM cluster_documents WHERE id = 1").pluck();
  const prune = db.prepare("DELETE FROM cluster_bands WHERE start_ms < ?");

  const save = db.transaction(({ item, identities, cluster, bandKeys, features }: ClusterIndexEntry) => {
    for (const identity of identities) putIdentity.run(identity, item.key, item.clusterId, item.duplicateOf, item.publishedMs);
    if (features.length > 0) countDocument.run();
    for (const feature of features) countFeature.run(feature);
    if (!cluster) return;
    const blob = Buffer.from(cluster.features.buffer, cluster.features.byteOffset, cluster.features.byteLength);
    putCluster.run(cluster.id, cluster.startMs, blob, cluster.weight, JSON.stringify(cluster.sources), cluster.size);
    for (const key of bandKeys) putBand.run(key, cluster.id, cluster.startMs);
  });

  return {
    async findItem(identity) {
      const row = findIdentity.get(identity) as
        | (ClusterRow & { item_key: string; cluster_id: string; duplicate_of: string | null; published_ms: number })
        | undefined;
      if (!row) return null;
      return {
        item: { key: row.item_key, clusterId: row.cluster_id, duplicateOf: row.duplicate_of, publishedMs: row.published_ms },
        cluster: rowToCluster(row),
      };
    },
    async findClusters(bandKeys, fromMs, toMs, maxPerKey) {
      const found = new Map<string, IndexedCluster>();
      for (const key of bandKeys) {
        const rows = findBand.all(key, fromMs, toMs, maxPerKey + 1) as ClusterRow[];
        if (rows.length > maxPerKey) continue;
        for (const row of rows) if (!found.has(row.id)) found.set(row.id, rowToCluster(row));
      }
      return [...found.values()];
    },
    async documentFrequencies(features) {
      const counts = Array.from(features, (feature) => (featureCount.get(feature) as number | undefined) ?? 0);
      return { documents: (documents.get() as number | undefined) ?? 0, counts };
    },
    async save(entry) {
      save.immediate(entry);
    },
    async prune(beforeMs) {
      prune.run(beforeMs);
    },
  };
}
