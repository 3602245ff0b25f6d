import { createHash } from "node:crypto";

/** Remembers the requests already processed, so Slack's retries (`X-Slack-Retry-Num`) run once. */
export interface SeenRequests {
  /** True the first time a key is offered within the window; false for a repeat. */
  firstTime(key: string, nowMs: number): boolean | Promise<boolean>;
}

/** How long a request is remembered; see `createSeenRequests`. */
export const SEEN_REQUEST_WINDOW_MS = 15 * 60 * 1000;

/**
 * One process's memory of requests, for tests and a single process; `briefing run` keeps them in the
 * store so any process behind a load balancer can answer a retry. Slack retries within minutes and a
 * request older than five minutes fails verification anyway, so a window of fifteen minutes and a cap
 * on entries bound the memory without letting a retry through.
 */
export function createSeenRequests(windowMs = SEEN_REQUEST_WINDOW_MS, maxEntries = 10_000): SeenRequests {
  const seen = new Map<string, number>();
  return {
    firstTime(key, nowMs) {
      const at = seen.get(key);
      if (at !== undefined && nowMs - at <= windowMs) return false;
      seen.delete(key);
      // Oldest first (insertion order): drop what has expired, and the oldest beyond the cap.
      for (const [old, oldAt] of seen) {
        if (nowMs - oldAt <= windowMs && seen.size < maxEntries) break;
        seen.delete(old);
      }
      seen.set(key, nowMs);
      return true;
    },
  };
}

/**
 * What makes two deliveries "the same request": the event id of an Events API callback, the trigger id of
 * a slash command or interaction, otherwise the exact bytes.
 */
export function requestKey(rawBody: Buffer, contentType: string | undefined): string {
  const text = rawBody.toString("utf8");
  try {
    if (contentType?.startsWith("application/json")) {
      const body = JSON.parse(text) as { event_id?: unknown };
      if (typeof body.event_id === "string") return `event:${body.event_id}`;
    } else {
      const form = new URLSearchParams(text);
      const payload = form.get("payload");
      const trigger = form.get("trigger_id") ?? (payload ? (JSON.parse(payload) as { trigger_id?: string }).trigger_id : undefined);
      if (trigger) return `trigger:${trigger}`;
    }
  } catch {
    // An unparseable body still has bytes to compare.
  }
  return `body:${createHash("sha256").update(rawBody).digest("hex")}`;
}
