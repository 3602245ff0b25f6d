import { maskUrl } from "../domain/mask-url.js";
import { emptySourceState, type SourceState } from "../domain/source-state.js";
import type { SecretBox } from "./secret-box.js";

/** A source state as stored: the location masked, and the real one sealed when it carries credentials and a key is set. */
export type StoredSourceState = SourceState & { locationSealed?: string };

/**
 * A feed URL's credentials (`user:pass@`, `?token=`) never reach storage in clear: the location is
 * stored masked, plus sealed with `box` when there is one. Without a box the real location is only
 * in the config, which is where the poller reads it from.
 */
export function sealSourceState(state: SourceState, box: SecretBox | null): StoredSourceState {
  const masked = maskUrl(state.location);
  const stored: StoredSourceState = { ...state, location: masked };
  if (masked !== state.location && box) stored.locationSealed = box.seal(state.location);
  return stored;
}

/** A stored state with the fields added since it was written at their empty values, its location opened when it can be. */
export function openSourceState(stored: StoredSourceState, box: SecretBox | null): SourceState {
  const { locationSealed, ...state } = { ...emptySourceState(stored.sourceId, stored.location), ...stored };
  if (locationSealed === undefined || box === null) return state;
  try {
    return { ...state, location: box.open(locationSealed) };
  } catch {
    // Sealed under another key: the masked location still identifies the feed.
    return state;
  }
}
