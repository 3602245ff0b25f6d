import { createSeenRequests, SEEN_REQUEST_WINDOW_MS, type SeenRequests } from "../platforms/slack/index.js";
import type { RequestReplayStore } from "../store/index.js";

export interface StoredSeenRequestsOptions {
  windowMs?: number;
  /** How long the store may take before the request is answered from this process's memory. Default 1 s. */
  waitMs?: number;
  /** Told when the store could not answer in time (a backup holding the write lock) or failed. */
  onUnanswered?: (reason: unknown) => void;
}

/**
 * Slack's memory of requests taken, kept in the store so a retry is recognised by any process on it.
 * Slack wants an ack within three seconds, so a store that cannot answer in time (write-locked) does
 * not hold the ack: the request is then judged by this process's own memory, which also answers a
 * retry that comes back here without asking the store.
 */
export function storedSeenRequests(store: () => RequestReplayStore, options: StoredSeenRequestsOptions = {}): SeenRequests {
  const windowMs = options.windowMs ?? SEEN_REQUEST_WINDOW_MS;
  const waitMs = options.waitMs ?? 1_000;
  const local = createSeenRequests(windowMs);
  return {
    async firstTime(key, nowMs) {
      if (!local.firstTime(key, nowMs)) return false;
      const claim = store().claimRequest(`slack:${key}`, nowMs, windowMs);
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<"late">((resolve) => (timer = setTimeout(() => resolve("late"), waitMs)));
      try {
        const answer = await Promise.race([claim, late]);
        if (answer !== "late") return answer;
        // The claim goes on in the background and lands once the lock clears.
        claim.catch(() => undefined);
        options.onUnanswered?.(new Error(`the store did not answer within ${waitMs} ms`));
        return true;
      } catch (error) {
        options.onUnanswered?.(error);
        return true;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
