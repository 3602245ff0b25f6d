import type { FeedItem } from "../domain/item.js";
import { sameLocation } from "../domain/mask-url.js";
import { emptySourceState, isPaused, type SourceState } from "../domain/source-state.js";
import { adaptInterval, clamp, stretchInterval, type IntervalBounds } from "./adaptive-interval.js";
import type { FetchError } from "./fetch-error.js";

/** How a feed's schedule reacts to success and failure. */
export interface HealthPolicy extends IntervalBounds {
  /** Interval for a feed we know nothing about yet. */
  preferredMs: number;
  /** Failures in a row before the feed is paused. */
  pauseAfterFailures: number;
  /** How long a paused feed rests before it is tried again. */
  pauseMs: number;
  /** Ceiling of the exponential back-off between failed polls. */
  maxBackoffMs: number;
  /** Source of jitter in [0, 1); injected so tests are deterministic. */
  random: () => number;
}

/** A state for `location`: the previous one if it was for the same place, else a fresh one (validators reset). */
export function stateFor(sourceId: string, location: string, previous: SourceState | null): SourceState {
  // The stored location may be masked (no key to seal its credentials): the configured one is kept.
  return previous && sameLocation(previous.location, location) ? { ...previous, location } : emptySourceState(sourceId, location);
}

/** Due when never polled, moved, or past its next poll time; never while paused. */
export function isDue(state: SourceState | null, location: string, now: Date): boolean {
  if (!state || !sameLocation(state.location, location)) return true;
  if (isPaused(state, now)) return false;
  return !state.nextPollAt || Date.parse(state.nextPollAt) <= now.getTime();
}

export function afterFetched(
  state: SourceState,
  fetched: { etag: string | null; lastModified: string | null; items: FeedItem[]; freshForMs?: number | undefined; recovered?: string | undefined },
  now: Date,
  policy: HealthPolicy,
): SourceState {
  const intervalMs = adaptInterval(fetched.items, now, policy.preferredMs, policy);
  return {
    ...succeeded(state, now, intervalMs, fetched.freshForMs, policy),
    etag: fetched.etag,
    lastModified: fetched.lastModified,
    firstPolledAt: state.firstPolledAt ?? now.toISOString(),
    recovered: fetched.recovered ?? null,
  };
}

export function afterNotModified(
  state: SourceState,
  validators: { etag: string | null; lastModified: string | null; freshForMs?: number | undefined },
  now: Date,
  policy: HealthPolicy,
): SourceState {
  const intervalMs = stretchInterval(state.intervalMs ?? policy.preferredMs, policy);
  return { ...succeeded(state, now, intervalMs, validators.freshForMs, policy), etag: validators.etag, lastModified: validators.lastModified };
}

/**
 * A failed poll. `Retry-After` (429/503) is obeyed and is not a strike; other failures back
 * off exponentially with jitter, and after `pauseAfterFailures` in a row (at once for 410
 * Gone) the feed is paused for `pauseMs`, then tried again on its own.
 */
export function afterFailure(state: SourceState, error: FetchError, now: Date, policy: HealthPolicy): SourceState {
  const base = { ...state, lastPolledAt: now.toISOString(), lastError: error.message };
  const interval = state.intervalMs ?? clamp(policy.preferredMs, policy);
  const throttled = error.kind === "http-429" || (error.kind === "http-5xx" && error.retryAfterMs !== null);
  if (throttled) {
    const waitMs = Math.max(error.retryAfterMs ?? backoff(interval, 1, policy), policy.minMs);
    return { ...base, nextPollAt: at(now, waitMs) };
  }
  const failures = state.consecutiveFailures + 1;
  if (failures >= policy.pauseAfterFailures || error.status === 410) {
    const pausedUntil = at(now, policy.pauseMs);
    return { ...base, consecutiveFailures: failures, pausedUntil, nextPollAt: pausedUntil };
  }
  return { ...base, consecutiveFailures: failures, pausedUntil: null, nextPollAt: at(now, backoff(interval, failures, policy)) };
}

/** Words for a paused feed, for `briefing feeds` and the slash command. */
export function pauseReason(state: SourceState): string | null {
  if (!state.pausedUntil) return null;
  const count = state.consecutiveFailures;
  return `paused after ${count} failed poll${count === 1 ? "" : "s"} in a row (${state.lastError ?? "unknown error"}); trying again after ${state.pausedUntil}`;
}

/**
 * The next poll comes after the adaptive interval, and not before the response's own cache
 * lifetime (`max-age`, `Expires`) runs out, which counts for at most the longest interval.
 */
function succeeded(state: SourceState, now: Date, intervalMs: number, freshForMs: number | undefined, policy: HealthPolicy): SourceState {
  const waitMs = Math.max(intervalMs, Math.min(freshForMs ?? 0, policy.maxMs));
  return {
    ...state,
    lastPolledAt: now.toISOString(),
    lastSuccessAt: now.toISOString(),
    lastError: null,
    consecutiveFailures: 0,
    pausedUntil: null,
    intervalMs,
    nextPollAt: at(now, waitMs),
  };
}

/** interval × 2^(failures−1), capped, then "equal jitter": half fixed, half random. */
function backoff(intervalMs: number, failures: number, policy: HealthPolicy): number {
  const exponential = Math.min(policy.maxBackoffMs, intervalMs * 2 ** Math.min(failures - 1, 20));
  return Math.round(exponential / 2 + (exponential / 2) * policy.random());
}

function at(now: Date, ms: number): string {
  return new Date(now.getTime() + ms).toISOString();
}
