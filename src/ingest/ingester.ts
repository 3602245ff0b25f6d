import { readFile } from "node:fs/promises";
import type { Clock } from "../domain/clock.js";
import type { FeedItem } from "../domain/item.js";
import { emptySourceState, type SourceState } from "../domain/source-state.js";
import { parseFeed } from "./parse-feed.js";
import { sourceLocation, type SourceSpec } from "./source-spec.js";

export type PollStatus = "fetched" | "not-modified" | "failed";

/** What one poll of one source produced, and the state to remember for the next. */
export interface PollResult {
  status: PollStatus;
  state: SourceState;
  items: FeedItem[];
  /** True on a source's first successful poll: its items are stored but alert nobody. */
  firstPoll: boolean;
  error: Error | null;
}

export interface Ingester {
  isDue(source: SourceSpec, state: SourceState | null): boolean;
  poll(source: SourceSpec, state: SourceState | null): Promise<PollResult>;
  close(): Promise<void>;
}

export interface IngesterOptions {
  clock: Clock;
  defaultIntervalMs: number;
}

export function createIngester(options: IngesterOptions): Ingester {
  const { clock } = options;
  return {
    isDue(source, state) {
      if (!state?.nextPollAt) return true;
      return Date.parse(state.nextPollAt) <= clock.now().getTime();
    },
    async poll(source, previous) {
      const now = clock.now();
      const state = previous ?? emptySourceState(source.id, sourceLocation(source));
      const interval = source.everyMs ?? options.defaultIntervalMs;
      const next = { ...state, lastPolledAt: now.toISOString(), nextPollAt: new Date(now.getTime() + interval).toISOString() };
      try {
        if (!source.path) throw new Error("only path sources are supported so far");
        const text = await readFile(source.path, "utf8");
        const parsed = await parseFeed(text, { sourceId: source.id, now });
        const firstPoll = state.firstPolledAt === null;
        return {
          status: "fetched",
          items: parsed.items,
          firstPoll,
          error: null,
          state: { ...next, firstPolledAt: state.firstPolledAt ?? now.toISOString(), lastSuccessAt: now.toISOString(), lastError: null, consecutiveFailures: 0 },
        };
      } catch (error) {
        return {
          status: "failed",
          items: [],
          firstPoll: false,
          error: error as Error,
          state: { ...next, lastError: (error as Error).message, consecutiveFailures: state.consecutiveFailures + 1 },
        };
      }
    },
    async close() {},
  };
}
