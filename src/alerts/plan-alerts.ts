import type { StoredItem } from "../domain/story.js";
import type { Watch } from "./watch.js";

/** One story that matched a watch, with the terms that explain why. */
export interface AlertHit {
  watch: Watch;
  item: StoredItem;
  terms: string[];
}

/** The alerts one watch should send now: one message, or a collapsed one when the query fires too often. */
export interface AlertPlan {
  watch: Watch;
  hits: AlertHit[];
  collapsed: boolean;
}

/**
 * Groups hits per watch, one per story cluster (the first item of a story wins), and collapses a
 * watch's hits into a single message once there are more than `collapseAbove` in one cycle.
 */
export function planAlerts(hits: AlertHit[], collapseAbove = 3): AlertPlan[] {
  const byWatch = new Map<string, { watch: Watch; hits: Map<string, AlertHit> }>();
  for (const hit of hits) {
    const entry = byWatch.get(hit.watch.id) ?? { watch: hit.watch, hits: new Map<string, AlertHit>() };
    if (!entry.hits.has(hit.item.clusterId)) entry.hits.set(hit.item.clusterId, hit);
    byWatch.set(hit.watch.id, entry);
  }
  return [...byWatch.values()].map(({ watch, hits: perStory }) => {
    const list = [...perStory.values()];
    return { watch, hits: list, collapsed: list.length > collapseAbove };
  });
}
