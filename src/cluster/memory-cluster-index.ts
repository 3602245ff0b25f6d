import type { ClusterIndex, IndexedCluster, IndexedItem } from "./cluster-index.js";
import { CountTable } from "./count-table.js";
import { PostingTable } from "./posting-table.js";

/**
 * A ClusterIndex in process memory, for tests, benches and `clusterItems`; gone on exit.
 * LSH postings live in two generations: new ones go to the current one, and `prune` drops the
 * older generation whole once every cluster in it started before the cut, then starts a new
 * one. Forgetting is O(1), at the price of keeping up to two generations' postings.
 */
export function createMemoryClusterIndex(): ClusterIndex {
  const identities = new Map<string, IndexedItem>();
  const frequencies = new CountTable();
  let documents = 0;
  const clusters: IndexedCluster[] = [];
  const slots = new Map<string, number>();
  let current = new PostingTable();
  let previous = new PostingTable();
  let currentLatestStart = Number.NEGATIVE_INFINITY;
  let previousLatestStart = Number.NEGATIVE_INFINITY;

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
      const found = new Set<number>();
      const inRange: number[] = [];
      for (const key of bandKeys) {
        inRange.length = 0;
        // The older generation holds nothing this recent once the window has moved past it.
        const small =
          collect(current, key, fromMs, toMs, inRange, maxPerKey) &&
          (previousLatestStart < fromMs || collect(previous, key, fromMs, toMs, inRange, maxPerKey));
        if (small) for (const slot of inRange) found.add(slot);
      }
      return [...found].map((slot) => clusters[slot]!);
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
      if (bandKeys.length > 0) currentLatestStart = Math.max(currentLatestStart, cluster.startMs);
      for (const key of bandKeys) current.add(key, slot, cluster.startMs);
    },
    async prune(beforeMs) {
      if (previousLatestStart >= beforeMs) return;
      previous = current;
      previousLatestStart = currentLatestStart;
      current = new PostingTable(previous.size);
      currentLatestStart = Number.NEGATIVE_INFINITY;
    },
  };
}
