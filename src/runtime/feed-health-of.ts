import { isPaused, type SourceState } from "../domain/source-state.js";

export type FeedHealth = "ok" | "failing" | "paused" | "never polled";

/** A source's health from its stored poll state, as `briefing feeds` and the status page show it. */
export function feedHealthOf(state: SourceState | null, now: Date): FeedHealth {
  if (!state || state.lastPolledAt === null) return "never polled";
  if (isPaused(state, now)) return "paused";
  return state.consecutiveFailures > 0 ? "failing" : "ok";
}
