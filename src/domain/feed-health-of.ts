import { isPaused, type SourceState } from "./source-state.js";

export type FeedHealth = "ok" | "recovered" | "failing" | "paused" | "never polled";

/** A source's health from its stored poll state, as `briefing feeds` and the status page show it. */
export function feedHealthOf(state: SourceState | null, now: Date): FeedHealth {
  if (!state || state.lastPolledAt === null) return "never polled";
  if (isPaused(state, now)) return "paused";
  if (state.consecutiveFailures > 0) return "failing";
  // Read by the forgiving parse: the items arrive, yet the publisher's XML is broken.
  return state.recovered ? "recovered" : "ok";
}
