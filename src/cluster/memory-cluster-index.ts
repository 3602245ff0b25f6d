import type { ClusterIndex, IndexedCluster, IndexedItem } from "./cluster-index.js";
import { CountTable } from "./count-table.js";
import { PostingTable } from "./posting-table.js";

/**
 * A ClusterIndex in process memory, for tests, benches and `clusterItems`; gone on exit.
 * `prune` rebuilds the term postings without the stale ones once they are half the table: each
 * posting is copied about once, and a lookup probes one table.
 */
export function createMemoryClusterIndex(): ClusterIndex {
  const identities = new Map<string, IndexedItem>();
  const frequencies = new CountTable();
  let documents = 0;
  const clusters: IndexedCluster[] = [];
  const slots = new Map<string, number>();
  let postings = new PostingTable();
  let sizeAfterRebuild = 0;
  // A story merged into another forwards its slot to the other's; postings keep the old slot.
  const forward: number[] = [];
  let queue: Promise<unknown> = Promise.resolve();
  // Scratch for findClusters, reused so that a lookup allocates nothing but its answer. By cluster
  // slot: the lookup that last saw it and how many keys found it; then the slots one key found,
  // and the slots found so far.
  let seenBy = new Int32Array(1024);
  let hits = new Int32Array(1024);
  let lookup = 0;
  let underKey: Int32Array = new Int32Array(64);
  let found: Int32Array = new Int32Array(64);

  /** How many clusters under `key` started in range, their slots in `underKey`; -1 once past `limit`. */
  function collect(key: number, fromMs: number, toMs: number, limit: number): number {
    let n = 0;
    for (let node = postings.head(key); node !== -1; node = postings.nextNode(node)) {
      for (let i = postings.count(node) - 1; i >= 0; i--) {
        const start = postings.time(node, i);
        if (start < fromMs || start > toMs) continue;
        // Two members of one story can share a key; count the story once.
        const slot = current(postings.value(node, i));
        if (indexOf(underKey, n, slot) !== -1) continue;
        if (n === limit) return -1;
        if (n === underKey.length) underKey = grown(underKey);
        underKey[n++] = slot;
      }
    }
    return n;
  }

  function current(slot: number): number {
    while (forward[slot] !== slot) slot = forward[slot]!;
    return slot;
  }

  return {
    serially(work) {
      const run = queue.then(work);
      queue = run.catch(() => undefined);
      return run;
    },
    async findItem(identity) {
      const item = identities.get(identity);
      const slot = item && slots.get(item.clusterId);
      if (!item || slot === undefined) return null;
      const cluster = clusters[current(slot)]!;
      return { item: cluster.id === item.clusterId ? item : { ...item, clusterId: cluster.id }, cluster };
    },
    async findClusters(bandKeys, fromMs, toMs, maxPerKey, minKeys = 1) {
      if (seenBy.length < clusters.length) {
        seenBy = new Int32Array(2 * clusters.length);
        hits = new Int32Array(2 * clusters.length);
        lookup = 0;
      }
      lookup++;
      let count = 0;
      let skipped = 0;
      for (const key of bandKeys) {
        const n = collect(key, fromMs, toMs, maxPerKey);
        if (n === -1) skipped++;
        for (let i = 0; i < n; i++) {
          const slot = current(underKey[i]!);
          if (seenBy[slot] !== lookup) {
            seenBy[slot] = lookup;
            hits[slot] = 0;
            if (count === found.length) found = grown(found);
            found[count++] = slot;
          }
          hits[slot] = hits[slot]! + 1;
        }
      }
      if (minKeys - skipped > 1) {
        let kept = 0;
        for (let i = 0; i < count; i++) if (hits[found[i]!]! + skipped >= minKeys) found[kept++] = found[i]!;
        count = kept;
      }
      // Most found first, ties in the order found: an insertion sort, as there are a few dozen at most.
      for (let i = 1; i < count; i++) {
        const slot = found[i]!;
        let j = i - 1;
        for (; j >= 0 && hits[found[j]!]! < hits[slot]!; j--) found[j + 1] = found[j]!;
        found[j + 1] = slot;
      }
      return Array.from(found.subarray(0, count), (slot) => clusters[slot]!);
    },
    async documentFrequencies(features) {
      const counts: number[] = [];
      for (const feature of features) counts.push(frequencies.get(feature));
      return { documents, counts };
    },
    async save({ item, identities: itemIdentities, cluster, absorbed, bandKeys, features }) {
      for (const identity of itemIdentities) {
        const earlier = identities.get(identity);
        if (!earlier || earlier.publishedMs <= item.publishedMs) identities.set(identity, item);
      }
      if (features.length > 0) documents++;
      for (const feature of features) frequencies.increment(feature);
      if (!cluster) return;
      let slot = slots.get(cluster.id);
      if (slot === undefined) {
        slots.set(cluster.id, (slot = clusters.length));
        forward[slot] = slot;
      }
      clusters[slot] = cluster;
      for (const id of absorbed) forward[current(slots.get(id)!)] = slot;
      for (const key of bandKeys) postings.add(key, slot, cluster.startMs);
    },
    async prune(beforeMs) {
      // Looked at once the table has doubled since its last rebuild: in a steady stream about half
      // has gone stale by then. If the stream slows, stale postings wait longer, costing memory and
      // skipped reads, never a wrong answer (lookups filter by time).
      if (postings.size < 2 * sizeAfterRebuild) return;
      const stale = postings.countBefore(beforeMs);
      if (2 * stale < postings.size) return;
      postings = postings.withoutBefore(beforeMs, stale);
      sizeAfterRebuild = postings.size;
    },
  };
}

function indexOf(array: Int32Array, length: number, value: number): number {
  for (let i = 0; i < length; i++) if (array[i] === value) return i;
  return -1;
}

function grown(array: Int32Array): Int32Array {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}
