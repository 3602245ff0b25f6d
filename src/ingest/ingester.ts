import type { Clock } from "../domain/clock.js";
import type { FeedItem } from "../domain/item.js";
import type { Metrics } from "../domain/metrics.js";
import type { SourceState } from "../domain/source-state.js";
import type { Resolver } from "./address-guard.js";
import { classifyFetchError } from "./classify-fetch-error.js";
import { createKeyedLimiter, createLimiter, type Release } from "./concurrency-limiter.js";
import { afterFailure, afterFetched, afterNotModified, isDue, stateFor, type HealthPolicy } from "./feed-health.js";
import type { FetchedBody, Fetcher } from "./fetcher.js";
import { createFileFetcher } from "./file-fetcher.js";
import { createHttpFetcher } from "./http-fetcher.js";
import { pollLocation, rememberedMove } from "./moved-feed.js";
import { createParsePool } from "./parse-pool.js";
import { readFeed } from "./read-feed.js";
import { runByKey } from "./run-by-key.js";
import { sourceLocation, type SourceSpec } from "./source-spec.js";

export type PollStatus = "fetched" | "not-modified" | "failed";

/** What one poll of one source produced, and the state to remember for the next. */
export interface PollResult {
  status: PollStatus;
  state: SourceState;
  items: FeedItem[];
  /** True on a source's first successful poll: its items are stored but alert nobody. */
  firstPoll: boolean;
  /** A `FetchError` when `status` is "failed"; its message is fit for users. */
  error: Error | null;
}

/** One source to poll and what was remembered of it. */
export interface PollJob {
  source: SourceSpec;
  state: SourceState | null;
}

/** Polls sources politely and safely; one per process, closed on shutdown. */
export interface Ingester {
  isDue(source: SourceSpec, state: SourceState | null): boolean;
  /** Never rejects: failures come back as `status: "failed"` with the updated health state. */
  poll(source: SourceSpec, state: SourceState | null): Promise<PollResult>;
  /**
   * Polls every job with a bounded number under way, hosts taking turns. `onResult` runs before the
   * poll's slot is given back, so a slow consumer slows polling instead of piling results up in memory.
   * Rejects (after all jobs ran) with the first error `onResult` threw. Once `signal` aborts, jobs not
   * yet started are skipped.
   */
  pollAll<J extends PollJob>(jobs: Iterable<J>, onResult: (result: PollResult, job: J) => Promise<void> | void, signal?: AbortSignal): Promise<void>;
  close(): Promise<void>;
}

export interface IngesterOptions {
  clock: Clock;
  /** Interval for sources that set none, before adapting to how often they publish. */
  defaultIntervalMs: number;
  minIntervalMs?: number | undefined;
  /** The longest wait between polls of a feed that publishes rarely. Default 15 min, or `defaultIntervalMs` when longer. */
  maxIntervalMs?: number | undefined;
  /** Polls in flight at once (fetch and parse); bounds memory too. Default 16. */
  concurrency?: number | undefined;
  /** Requests in flight to one host at once. Default 2. */
  perHostConcurrency?: number | undefined;
  /** Whole-fetch wall-clock limit. Default 30 s. */
  timeoutMs?: number | undefined;
  headersTimeoutMs?: number | undefined;
  connectTimeoutMs?: number | undefined;
  /** Cap on a decoded feed body. Default 10 MB. */
  maxBytes?: number | undefined;
  /** Newest items kept per poll. Default 200. */
  maxItems?: number | undefined;
  allowPrivateNetworks?: boolean | undefined;
  allowedPorts?: readonly number[] | "any" | undefined;
  resolve?: Resolver | undefined;
  isAllowedAddress?: ((address: string) => boolean) | undefined;
  userAgent?: string | undefined;
  /** Parser worker threads (0: parse on this thread, for tests). Default: cores, at most 4. */
  parseWorkers?: number | undefined;
  parseDeadlineMs?: number | undefined;
  parseMaxHeapMb?: number | undefined;
  pauseAfterFailures?: number | undefined;
  pauseMs?: number | undefined;
  random?: (() => number) | undefined;
  /** Replace the HTTP or file fetcher (tests, other transports). */
  httpFetcher?: Fetcher | undefined;
  fileFetcher?: Fetcher | undefined;
  /** Told how long each fetch took. */
  metrics?: Metrics | undefined;
}

/** The longest a quiet feed waits between polls unless configured: how late a watch alert can be. */
export const DEFAULT_MAX_INTERVAL_MS = 15 * 60_000;
const MAX_BACKOFF_MS = 6 * 60 * 60_000;

export function createIngester(options: IngesterOptions): Ingester {
  const { clock } = options;
  const maxBytes = options.maxBytes ?? 10 * 1024 * 1024;
  const http =
    options.httpFetcher ??
    createHttpFetcher({
      ...options,
      totalTimeoutMs: options.timeoutMs,
      maxBytes,
      clock,
    });
  const files = options.fileFetcher ?? createFileFetcher({ maxBytes });
  const pool = createParsePool({ size: options.parseWorkers, deadlineMs: options.parseDeadlineMs, maxHeapMb: options.parseMaxHeapMb });
  const concurrency = options.concurrency ?? 16;
  const perHostConcurrency = options.perHostConcurrency ?? 2;
  const global = createLimiter(concurrency);
  const perHost = createKeyedLimiter(perHostConcurrency);
  // Above the limits, so a host's next fetch can start while its last body is parsed and a poll
  // is always waiting when a slot frees; far below one pending poll per source.
  const dispatch = { inFlight: concurrency * 4, perKey: perHostConcurrency * 2 };
  const policyFor = (source: SourceSpec): HealthPolicy => {
    const minMs = options.minIntervalMs ?? 2 * 60_000;
    // The upper bound keeps alerts from a quiet feed within minutes. Unset, a longer default `every` is
    // a wish to poll less often and becomes the bound; so does a source's own longer `every`.
    const bound = options.maxIntervalMs ?? Math.max(DEFAULT_MAX_INTERVAL_MS, options.defaultIntervalMs);
    const maxMs = Math.max(minMs, bound, source.everyMs ?? 0);
    return {
      minMs,
      maxMs,
      preferredMs: source.everyMs ?? options.defaultIntervalMs,
      pauseAfterFailures: options.pauseAfterFailures ?? 5,
      pauseMs: options.pauseMs ?? 24 * 60 * 60_000,
      // Failures back off further than quiet feeds: a broken server gains nothing from being asked often.
      maxBackoffMs: Math.max(maxMs, MAX_BACKOFF_MS),
      random: options.random ?? Math.random,
    };
  };

  // Fetch latency is measured around each request, a discovered feed's second request included.
  const timed = (fetcher: Fetcher): Fetcher => {
    const { metrics } = options;
    if (!metrics) return fetcher;
    return {
      async fetch(location, validators) {
        const started = clock.now().getTime();
        try {
          return await fetcher.fetch(location, validators);
        } finally {
          metrics.fetchSeconds((clock.now().getTime() - started) / 1000);
        }
      },
      close: () => fetcher.close(),
    };
  };
  const parse = (source: SourceSpec, body: FetchedBody) =>
    pool.parse({
      bytes: body.body,
      contentType: body.contentType,
      baseUrl: source.url ? body.url : null,
      sourceId: source.id,
      now: clock.now().toISOString(),
      maxItems: options.maxItems,
    });

  const ingester: Ingester = {
    isDue(source, state) {
      return isDue(state, sourceLocation(source), clock.now());
    },
    async poll(source, previous) {
      const location = sourceLocation(source);
      const state = stateFor(source.id, location, previous);
      // A feed that moved permanently is polled at its new address; the SSRF guard checks it as any other.
      const target = pollLocation(location, state);
      const policy = policyFor(source);
      const releaseHost = await perHost.acquire(hostKey(source, target));
      let releaseGlobal: Release | null = null;
      try {
        releaseGlobal = await global.acquire();
        const fetcher = source.url ? http : files;
        const read = await readFeed(timed(fetcher), target, { etag: state.etag, lastModified: state.lastModified }, (body) => parse(source, body), {
          // A configured page is searched for its feed; a feed found that way is not searched again.
          discover: Boolean(source.url) && !state.discoveredFeed,
          // Politeness is about the server: the host slot is free once the body is in.
          onFetched: releaseHost,
        });
        const { outcome, parsed } = read;
        const now = clock.now();
        const found = read.discovered ?? (state.discoveredFeed && outcome.movedTo ? outcome.movedTo : state.discoveredFeed);
        const movedTo = found ? null : rememberedMove(state, outcome.movedTo);
        if (outcome.status === "not-modified" || parsed === null) {
          return { status: "not-modified", items: [], firstPoll: false, error: null, state: { ...afterNotModified(state, outcome, now, policy), movedTo, discoveredFeed: found } };
        }
        return {
          status: "fetched",
          items: parsed.items,
          firstPoll: state.firstPolledAt === null,
          error: null,
          state: {
            ...afterFetched(state, { ...outcome, items: parsed.items, recovered: parsed.recovered }, now, policy),
            movedTo,
            discoveredFeed: found,
            title: feedTitle(parsed.feed.title) ?? state.title ?? null,
          },
        };
      } catch (error) {
        const failure = classifyFetchError(error);
        const failed = afterFailure(state, failure, clock.now(), policy);
        // A discovered feed that is gone sends the next poll back to the page, to look again.
        const lost = Boolean(state.discoveredFeed) && (failure.kind === "http-4xx" || failure.kind === "not-a-feed");
        return { status: "failed", items: [], firstPoll: false, error: failure, state: lost ? { ...failed, discoveredFeed: null } : failed };
      } finally {
        releaseHost();
        releaseGlobal?.();
      }
    },
    pollAll(jobs, onResult, signal) {
      return runByKey(jobs, (job) => hostKey(job.source, pollLocation(sourceLocation(job.source), job.state)), dispatch, async (job) => {
        if (signal?.aborted) return;
        await onResult(await ingester.poll(job.source, job.state), job);
      });
    },
    async close() {
      await Promise.all([http.close(), files.close(), pool.close()]);
    },
  };
  return ingester;
}

/** A feed's title kept short; renderers clean and escape it like any feed text. */
function feedTitle(title: string | null): string | null {
  const text = title?.replace(/\s+/g, " ").trim().slice(0, 120);
  return text ? text : null;
}

function hostKey(source: SourceSpec, target: string): string {
  return source.url ? hostOf(target) : "file:";
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return url;
  }
}
