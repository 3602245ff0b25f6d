import { mostFoundFirst, type ClusterIndex, type IndexedCluster, type IndexedItem } from "./cluster-index.js";
import { CountTable } from "./count-table.js";
import { PostingTable } from "./posting-table.js";

/**
 * A ClusterIndex in process memory, for tests, benches and `clusterItems`; gone on exit.
 * `prune` rebuilds the LSH postings without the stale ones once they are half the table: each
 * posting is copied about once, and a lookup probes one table.
 */
export function createMemoryClusterIndex(): ClusterIndex {
  const identities = new Map<string, IndexedItem>();
  const frequencies = new CountTable();
  let documents = 0;
  const clusters: IndexedCluster[] = [];
  const slots = new Map<string, number>();
  let postings = new PostingTable();

  /** Slots of clusters under `key` that started in range, into `into`; false once past `limit`. */
  function collect(table: PostingTable, key: number, fromMs: number, toMs: number, into: number[], limit: number): boolean {
    for (let posting = table.first(key); posting !== -1; posting = table.next(posting)) {
      const start = table.time(posting);
      if (start < fromMs || start > toMs) continue;
      // Two members of one story can share a key; count the story once.
      const slot = table.value(posting);
      if (!into.includes(slot) && into.push(slot) > limit) return false;
    }
    return true;
  }

  return {
    async findItem(identity) {
      const item = identities.get(identity);
      const slot = item && slots.get(item.clusterId);
      return item && slot !== undefined ? { item, cluster: clusters[slot]! } : null;
    },
    async findClusters(bandKeys, fromMs, toMs, maxPerKey) {
      const found = new Map<number, number>();
      const inRange: number[] = [];
      for (const key of bandKeys) {
        inRange.length = 0;
        if (collect(postings, key, fromMs, toMs, inRange, maxPerKey)) for (const slot of inRange) found.set(slot, (found.get(slot) ?? 0) + 1);
      }
      return mostFoundFirst(found).map((slot) => clusters[slot]!);
    },
    async documentFrequencies(features) {
      const counts: number[] = [];
      for (const feature of features) counts.push(frequencies.get(feature));
      return { documents, counts };
    },
    async save({ item, identities: itemIdentities, cluster, bandKeys, features }) {
      for (const identity of itemIdentities) {
        const earlier = identities.get(identity);
        if (!earlier || earlier.publishedMs <= item.publishedMs) identities.set(identity, item);
      }
      if (features.length > 0) documents++;
      for (const feature of features) frequencies.increment(feature);
      if (!cluster) return;
      let slot = slots.get(cluster.id);
      if (slot === undefined) slots.set(cluster.id, (slot = clusters.length));
      clusters[slot] = cluster;
      for (const key of bandKeys) postings.add(key, slot, cluster.startMs);
    },
    async prune(beforeMs) {
      const stale = postings.countBefore(beforeMs);
      if (stale > 0 && 2 * stale >= postings.size) postings = postings.withoutBefore(beforeMs);
    },
  };
}
