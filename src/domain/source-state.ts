/** What the bot remembers about one source between polls. */
export interface SourceState {
  sourceId: string;
  /** The feed URL or file path as configured (the source's identity); a change resets this state. */
  location: string;
  /**
   * Where the feed answered from after permanent redirects (301/308) only: polled instead of
   * `location` until the configured location changes. Never holds credentials.
   */
  movedTo: string | null;
  /**
   * When `location` is a web page rather than a feed: the feed the page names as its alternate,
   * found by discovery and polled instead until the configured location changes.
   */
  discoveredFeed: string | null;
  /** Set when the last body fetched was not well-formed XML and a forgiving parse read it: what was wrong. */
  recovered: string | null;
  etag: string | null;
  lastModified: string | null;
  firstPolledAt: string | null;
  lastPolledAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  consecutiveFailures: number;
  /** Set while the source is paused after repeated failures; polling resumes after it. */
  pausedUntil: string | null;
  nextPollAt: string | null;
  /** Current adaptive polling interval in milliseconds. */
  intervalMs: number | null;
  /** The feed's own title from its last successful fetch: the outlet name when the config gives none. */
  title?: string | null;
}

/** Paused after repeated failures, and the pause has not run out yet. */
export function isPaused(state: SourceState, now: Date): boolean {
  return state.pausedUntil !== null && Date.parse(state.pausedUntil) > now.getTime();
}

export function emptySourceState(sourceId: string, location: string): SourceState {
  return {
    sourceId,
    location,
    movedTo: null,
    discoveredFeed: null,
    recovered: null,
    etag: null,
    lastModified: null,
    firstPolledAt: null,
    lastPolledAt: null,
    lastSuccessAt: null,
    lastError: null,
    consecutiveFailures: 0,
    pausedUntil: null,
    nextPollAt: null,
    intervalMs: null,
  };
}
