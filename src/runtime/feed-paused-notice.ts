import type { SourceState } from "../domain/source-state.js";
import { maskUrl, maskUrlsInText } from "../domain/mask-url.js";
import { sourceLocation, type SourceSpec } from "../ingest/index.js";

/** What an operator reads when a feed is paused: which feed, why, until when, and what to do. */
export function feedPausedNotice(source: SourceSpec, state: SourceState): string {
  const failures = state.consecutiveFailures;
  const reason = maskUrlsInText(state.lastError ?? "unknown error");
  return (
    `briefing-bot paused the feed ${source.id} (${maskUrl(sourceLocation(source))}) after ${failures} failed poll${failures === 1 ? "" : "s"} in a row: ${reason}. ` +
    `It is tried again after ${state.pausedUntil}. If the feed is gone for good, remove it from the config or give it its new URL.`
  );
}
