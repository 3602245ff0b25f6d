import { maskUrlsInText } from "../domain/mask-url.js";
import { isPaused } from "../domain/source-state.js";
import type { SourceInfo } from "./ports.js";

/** One line of `/brief feeds`: healthy, paused with its reason, failing, or not polled yet. */
export function describeSource(source: SourceInfo, now: Date): string {
  // The new address itself came from the feed's server: operators see it in `briefing feeds`, not in chat.
  const moved = source.state?.movedTo ? "; moved permanently, update the config (see `briefing feeds`)" : "";
  // A source URL with a token or credentials must not reach a channel, even inside an error message.
  return maskUrlsInText(health(source, now) + moved);
}

function health(source: SourceInfo, now: Date): string {
  const { state } = source;
  if (!state?.lastPolledAt) return `${source.id}: not polled yet`;
  if (isPaused(state, now)) {
    return `${source.id}: paused until ${state.pausedUntil} after ${state.consecutiveFailures} failures (${state.lastError ?? "unknown error"})`;
  }
  if (state.consecutiveFailures > 0) {
    return `${source.id}: failing (${state.consecutiveFailures} in a row): ${state.lastError ?? "unknown error"}`;
  }
  return `${source.id}: ok, last success ${state.lastSuccessAt ?? "never"}`;
}
