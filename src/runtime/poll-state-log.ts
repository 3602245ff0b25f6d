import { maskUrl } from "../domain/mask-url.js";
import { isPaused, type SourceState } from "../domain/source-state.js";
import type { PollResult } from "../ingest/index.js";
import type { Logger } from "./logger.js";

/** Per-feed lines are debug; a feed that starts failing, recovers, moves or is paused is told once, at info or warn. */
export function logStateChange(log: Logger, previous: SourceState | null, result: PollResult, now: Date): void {
  const { state } = result;
  if (state.movedTo && state.movedTo !== previous?.movedTo) log.warn({ moved_to: maskUrl(state.movedTo) }, "feed moved permanently; polling the new address, update the config");
  if (result.status === "failed") {
    const fields = { reason: result.error?.message, consecutive_failures: state.consecutiveFailures };
    if (isPaused(state, now) && !(previous && isPaused(previous, now))) log.warn({ ...fields, paused_until: state.pausedUntil }, "feed paused after repeated failures");
    else if ((previous?.consecutiveFailures ?? 0) === 0) log.warn(fields, "feed failing");
    else log.debug(fields, "poll failed");
    return;
  }
  if ((previous?.consecutiveFailures ?? 0) > 0) log.info({ after_failures: previous?.consecutiveFailures }, "feed recovered");
}
