import type { StoredItem } from "../domain/story.js";
import type { Watch } from "./watch.js";

/** One story that matched a watch, with the terms that explain why. */
export interface AlertHit {
  watch: Watch;
  item: StoredItem;
  terms: string[];
}

/** One story for one destination, with every watch of that destination it matched. */
export interface AlertStoryHit {
  item: StoredItem;
  watches: Array<{ watch: Watch; terms: string[] }>;
}

/** The alerts one destination should get now: one message per story, or one collapsed message. */
export interface AlertPlan {
  target: string;
  stories: AlertStoryHit[];
  collapsed: boolean;
}

/**
 * Groups hits per destination and story (the first item of a story wins), so a story matching two
 * watches of one person is one message naming both; collapses a destination's stories into a single
 * message once there are more than `collapseAbove` in one cycle.
 */
export function planAlerts(hits: AlertHit[], collapseAbove = 3): AlertPlan[] {
  const byTarget = new Map<string, Map<string, AlertStoryHit>>();
  for (const hit of hits) {
    const stories = byTarget.get(hit.watch.target) ?? new Map<string, AlertStoryHit>();
    byTarget.set(hit.watch.target, stories);
    const story = stories.get(hit.item.clusterId) ?? { item: hit.item, watches: [] };
    stories.set(hit.item.clusterId, story);
    if (!story.watches.some((entry) => entry.watch.id === hit.watch.id)) story.watches.push({ watch: hit.watch, terms: hit.terms });
  }
  return [...byTarget].map(([target, perStory]) => {
    const stories = [...perStory.values()];
    return { target, stories, collapsed: stories.length > collapseAbove };
  });
}

/** A claim that one watch has alerted one story. */
export interface AlertClaim {
  watchId: string;
  clusterId: string;
}

/** Every (watch, story) pair a plan would alert. */
export function claimsOf(plan: AlertPlan): AlertClaim[] {
  return plan.stories.flatMap((story) => story.watches.map(({ watch }) => ({ watchId: watch.id, clusterId: story.item.clusterId })));
}

/** The plan narrowed to the claims not made before: stories and watches already alerted drop out. */
export function onlyFresh(plan: AlertPlan, fresh: AlertClaim[]): AlertPlan {
  const isFresh = new Set(fresh.map((claim) => `${claim.watchId}\u0000${claim.clusterId}`));
  const stories = plan.stories
    .map((story) => ({ ...story, watches: story.watches.filter(({ watch }) => isFresh.has(`${watch.id}\u0000${story.item.clusterId}`)) }))
    .filter((story) => story.watches.length > 0);
  return { ...plan, stories, collapsed: plan.collapsed && stories.length > 1 };
}
