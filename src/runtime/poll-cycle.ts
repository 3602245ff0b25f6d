import type { Clock } from "../domain/clock.js";
import { noMetrics, type Metrics } from "../domain/metrics.js";
import type { FeedItem } from "../domain/item.js";
import type { StoredItem } from "../domain/story.js";
import { isPaused, type SourceState } from "../domain/source-state.js";
import { maskUrl } from "../domain/mask-url.js";
import { looksLikeReissue, type Ingester, type PollJob, type PollResult, type SourceSpec } from "../ingest/index.js";
import type { ItemToStore, Store } from "../store/store.js";
import type { Logger } from "./logger.js";
import type { Clusterer } from "../cluster/index.js";
import type { Matcher } from "../match/index.js";

export interface PollCycleDeps {
  sources: SourceSpec[];
  ingester: Ingester;
  matcher: Matcher;
  clusterer: Clusterer;
  store: Store;
  clock: Clock;
  log: Logger;
  /** Called with the items a poll stored for the first time; not called for a source's first poll. */
  onNewItems?: (items: StoredItem[]) => Promise<void>;
  /** Called once when a failing source is paused (410 at once, other failures after several in a row). */
  onSourcePaused?: (source: SourceSpec, state: SourceState) => Promise<void>;
  metrics?: Metrics;
}

export interface PollCycleOptions {
  /** Poll every source, due or not. */
  force?: boolean;
  /** Told how many sources are due, then after each one is done. */
  onProgress?: (progress: { done: number; total: number; failed: number }) => void;
}

export interface PollSummary {
  polled: number;
  failed: number;
  newItems: number;
}

/**
 * Polls every due source once: fetch and parse concurrently, then match, cluster and store one
 * source at a time. A source whose results cannot be stored is logged and counted as failed; the
 * others go on.
 */
export async function runPollCycle(deps: PollCycleDeps, options: PollCycleOptions = {}): Promise<PollSummary> {
  const { ingester, store, log } = deps;
  const summary: PollSummary = { polled: 0, failed: 0, newItems: 0 };
  const states = new Map((await store.listSourceStates()).map((state) => [state.sourceId, state]));
  const due: PollJob[] = [];
  for (const source of deps.sources) {
    const state = states.get(source.id) ?? null;
    if (options.force || ingester.isDue(source, state)) due.push({ source, state });
  }
  let processing = Promise.resolve();
  let done = 0;
  const progress = () => options.onProgress?.({ done, total: due.length, failed: summary.failed });
  progress();
  await ingester.pollAll(due, async (result, { source, state }) => {
    const sourceLog = log.child({ job: "poll", source: source.id });
    // Clustering compares each item with those stored before it, so sources are stored one after another.
    const stored = processing.then(() => storeResult(deps, source, result, state, sourceLog, summary));
    processing = stored.catch(() => undefined);
    try {
      await stored;
    } catch (error) {
      summary.failed += 1;
      sourceLog.error({ err: error }, "could not store what the poll found");
    }
    done += 1;
    progress();
  });
  return summary;
}

async function storeResult(
  deps: PollCycleDeps,
  source: SourceSpec,
  result: PollResult,
  previous: SourceState | null,
  log: Logger,
  summary: PollSummary,
): Promise<void> {
  const metrics = deps.metrics ?? noMetrics;
  summary.polled += 1;
  metrics.pollDone(result.status);
  await deps.store.saveSourceState(result.state);
  const now = deps.clock.now();
  logStateChange(log, previous, result, now);
  if (result.status === "failed") {
    summary.failed += 1;
    // Paused now and not before: a paused feed tried again that fails again is not news to anyone.
    if (result.state.pausedUntil !== null && !previous?.pausedUntil) await deps.onSourcePaused?.(source, result.state);
    return;
  }
  const { matcher } = deps;
  const known = await deps.store.knownItemIds(source.id, result.items.map((item) => item.id));
  // Oldest first, so a story is named after, and led by, the item that broke it. Ids are unique
  // within one fetch: normaliseFeed keeps the first of each.
  const fresh = result.items.filter((candidate) => !known.has(candidate.id)).sort(
    (a, b) => Date.parse(a.publishedAt) - Date.parse(b.publishedAt),
  );
  // A feed that re-issues old items under new guids is held: stored as seen, in no digest, alerting nobody.
  const held = !result.firstPoll && looksLikeReissue(result.items, known, { since: previous?.lastSuccessAt ?? undefined });
  if (held) log.warn({ items: fresh.length }, "most items look like old ones under new ids; stored as seen without posting");
  const prepared: ItemToStore[] = [];
  for (const item of fresh) {
    try {
      const ready = await prepareItem(item, source, matcher, deps.clusterer, now, metrics);
      prepared.push(held ? { ...ready, passedTopicIds: [] } : ready);
    } catch (error) {
      log.warn({ item_id: item.id, reason: (error as Error).message }, "item skipped");
    }
  }
  const saved = await deps.store.saveItems(prepared, now.toISOString());
  summary.newItems += saved.length;
  countStored(metrics, prepared, saved);
  log.debug({ status: result.status, items: result.items.length, new_items: saved.length, first_poll: result.firstPoll }, "polled");
  if (saved.length > 0 && !result.firstPoll && !held) await deps.onNewItems?.(saved);
}

async function prepareItem(
  item: FeedItem,
  source: SourceSpec,
  matcher: Matcher,
  clusterer: Clusterer,
  now: Date,
  metrics: Metrics,
): Promise<ItemToStore> {
  const matches = matcher.match(item, now);
  const { clusterId, isNewCluster } = await clusterer.assign({ ...item, key: `${source.id}:${item.id}` });
  if (isNewCluster) metrics.storyOpened();
  return {
    ...item,
    matches,
    passedTopicIds: matches.filter((match) => matcher.passes(match)).map((match) => match.topicId),
    clusterId,
  };
}

/** Per-feed lines are debug; a feed that starts failing, recovers, moves or is paused is told once, at info or warn. */
function logStateChange(log: Logger, previous: SourceState | null, result: PollResult, now: Date): void {
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

function countStored(metrics: Metrics, prepared: ItemToStore[], saved: StoredItem[]): void {
  if (saved.length === 0) return;
  metrics.itemsStored(saved.length);
  const savedKeys = new Set(saved.map((item) => item.key));
  for (const item of prepared) {
    if (!savedKeys.has(`${item.sourceId}:${item.id}`)) continue;
    for (const topicId of item.passedTopicIds) metrics.topicMatched(topicId);
  }
}
