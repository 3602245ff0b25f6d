import { sameLocation } from "../domain/mask-url.js";
import type { SourceState } from "../domain/source-state.js";
import { redactUrl } from "./feed-url.js";

/**
 * The address to poll: the feed found on the configured web page, or where the feed moved to
 * by permanent redirects, as remembered in its state, else the configured one. A state kept for another configured address counts for nothing,
 * so changing the config goes back to the configured address.
 */
export function pollLocation(configured: string, state: SourceState | null): string {
  if (state?.discoveredFeed && sameLocation(state.location, configured)) return state.discoveredFeed;
  if (!state?.movedTo || !sameLocation(state.location, configured)) return configured;
  let from: URL;
  let to: URL;
  try {
    from = new URL(configured);
    to = new URL(state.movedTo);
  } catch {
    return state.movedTo;
  }
  // Credentials in the configured URL go to its own origin only, as when the redirect was followed.
  if ((from.username !== "" || from.password !== "") && from.origin === to.origin) {
    to.username = from.username;
    to.password = from.password;
  }
  return to.href;
}

/** The moved-to address to remember after a poll whose answer came through permanent redirects to `movedTo` (or not: null). */
export function rememberedMove(state: SourceState, movedTo: string | null): string | null {
  if (movedTo === null) return state.movedTo ?? null;
  return movedTo === redactUrl(state.location) ? null : movedTo;
}
