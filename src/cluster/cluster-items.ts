import type { FeedItem } from "../domain/item.js";
import { createClusterer, type ClustererOptions } from "./clusterer.js";
import { createMemoryClusterIndex } from "./memory-cluster-index.js";

/** One line of `briefing cluster --json`. */
export interface ItemCluster {
  /** The item's own id (its guid, link or content hash within the source). */
  id: string;
  /** Store-wide key, `${sourceId}:${id}` unless the input gave one. */
  key: string;
  /** The story: the key of the item that opened it. */
  cluster: string;
  duplicateOf: string | null;
}

/**
 * Clusters a batch in a fresh in-memory index, oldest first (so each story is named after its
 * earliest item whatever the input order), and answers in input order.
 */
export async function clusterItems(
  items: ReadonlyArray<FeedItem & { key?: string }>,
  options: Omit<ClustererOptions, "index"> = {},
): Promise<ItemCluster[]> {
  const clusterer = createClusterer({ ...options, index: createMemoryClusterIndex() });
  const keyed = items.map((item, position) => ({ item: { ...item, key: item.key ?? `${item.sourceId}:${item.id}` }, position }));
  const order = [...keyed].sort(
    (a, b) => Date.parse(a.item.publishedAt) - Date.parse(b.item.publishedAt) || a.position - b.position,
  );
  const results: ItemCluster[] = new Array<ItemCluster>(items.length);
  for (const { item, position } of order) {
    const assignment = await clusterer.assign(item);
    results[position] = { id: item.id, key: item.key, cluster: assignment.clusterId, duplicateOf: assignment.duplicateOf };
  }
  return results;
}
