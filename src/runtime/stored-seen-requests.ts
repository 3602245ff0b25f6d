import { SEEN_REQUEST_WINDOW_MS, type SeenRequests } from "../platforms/slack/index.js";
import type { RequestReplayStore } from "../store/index.js";

/** Slack's memory of requests taken, kept in the store: a retry is recognised by any process on it. */
export function storedSeenRequests(store: () => RequestReplayStore, windowMs = SEEN_REQUEST_WINDOW_MS): SeenRequests {
  return { firstTime: (key, nowMs) => store().claimRequest(`slack:${key}`, nowMs, windowMs) };
}
