import type { ClusterIndex, IndexedCluster, IndexedItem } from "./cluster-index.js";
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
  // Scratch for findClusters, by cluster slot: the lookup that last saw it, and how many keys found it.
  let seenBy = new Int32Array(1024);
  let hits = new Int32Array(1024);
  let lookup = 0;
  const inRange: number[] = [];

  /** Slots of clusters under `key` that started in range, into `into`; false once past `limit`. */
  function collect(table: PostingTable, key: number, fromMs: number, toMs: number, into: number[], limit: number): boolean {
    for (let node = table.head(key); node !== -1; node = table.nextNode(node)) {
      for (let i = table.count(node) - 1; i >= 0; i--) {
        const start = table.time(node, i);
        if (start < fromMs || start > toMs) continue;
        // Two members of one story can share a key; count the story once.
        const slot = table.value(node, i);
        if (!into.includes(slot) && into.push(slot) > limit) return false;
      }
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
      if (seenBy.length < clusters.length) {
        seenBy = new Int32Array(2 * clusters.length);
        hits = new Int32Array(2 * clusters.length);
        lookup = 0;
      }
      lookup++;
      const found: number[] = [];
      for (const key of bandKeys) {
        inRange.length = 0;
        if (!collect(postings, key, fromMs, toMs, inRange, maxPerKey)) continue;
        for (const slot of inRange) {
          if (seenBy[slot] !== lookup) {
            seenBy[slot] = lookup;
            hits[slot] = 0;
            found.push(slot);
          }
          hits[slot] = hits[slot]! + 1;
        }
      }
      // Most found first; the sort is stable, so ties keep the order found.
      return found.sort((a, b) => hits[b]! - hits[a]!).map((slot) => clusters[slot]!);
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
