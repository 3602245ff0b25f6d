import type { FeedItem } from "../domain/item.js";
import { createClusterer, type ClustererOptions } from "./clusterer.js";
import { createMemoryClusterIndex } from "./memory-cluster-index.js";
import { createStoryMerges } from "./story-merges.js";

/** One line of `briefing cluster --json`. */
export interface ItemCluster {
  /** The item's own id (its guid, link or content hash within the source). */
  id: string;
  /** Store-wide key, `${sourceId}:${id}` unless the input gave one. */
  key: string;
  /** The story: the key of its earliest item. */
  cluster: string;
  duplicateOf: string | null;
}

/**
 * Clusters a batch in a fresh in-memory index in a fixed order (publication time, then source,
 * then id), so the same items give the same stories whatever order they come in, and answers in
 * input order with each item's story as it stands once all are in (later items can merge stories).
 */
export async function clusterItems(
  items: ReadonlyArray<FeedItem & { key?: string }>,
  options: Omit<ClustererOptions, "index"> = {},
): Promise<ItemCluster[]> {
  const clusterer = createClusterer({ ...options, index: createMemoryClusterIndex() });
  const keyed = items.map((item, position) => ({ item: { ...item, key: item.key ?? `${item.sourceId}:${item.id}` }, position }));
  const assigned: Array<{ key: string; id: string; clusterId: string; duplicateOf: string | null }> = new Array(items.length);
  const merges = createStoryMerges();
  for (const { item, position } of [...keyed].sort((a, b) => clusterOrder(a.item, b.item))) {
    const assignment = await clusterer.assign(item);
    merges.record(assignment.clusterId, assignment.merged);
    assigned[position] = { key: item.key, id: item.id, clusterId: assignment.clusterId, duplicateOf: assignment.duplicateOf };
  }
  return assigned.map(({ id, key, clusterId, duplicateOf }) => ({ id, key, cluster: merges.current(clusterId), duplicateOf }));
}

/** The order a batch is clustered in: publication time, then source, then id. */
export function clusterOrder(a: FeedItem, b: FeedItem): number {
  return Date.parse(a.publishedAt) - Date.parse(b.publishedAt) || compare(a.sourceId, b.sourceId) || compare(a.id, b.id);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
