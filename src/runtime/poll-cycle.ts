import type { Clock } from "../domain/clock.js";
import { noMetrics, type Metrics } from "../domain/metrics.js";
import type { FeedItem } from "../domain/item.js";
import type { StoredItem } from "../domain/story.js";
import type { SourceState } from "../domain/source-state.js";
import { looksLikeReissue, type Ingester, type PollJob, type PollResult, type SourceSpec } from "../ingest/index.js";
import type { ItemToStore, Store } from "../store/store.js";
import type { Logger } from "./logger.js";
import { clusterOrder, createStoryMerges, type Clusterer } from "../cluster/index.js";
import type { Matcher } from "../match/index.js";
import { logStateChange } from "./poll-state-log.js";

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
  /** Only these sources (each still polled only when due, unless `force`). */
  sourceIds?: ReadonlySet<string>;
  /** Told how many sources are due, then after each one is done. */
  onProgress?: (progress: { done: number; total: number; failed: number }) => void;
  /**
   * Stops the cycle early: polls not started are left, results still arriving are dropped unrecorded
   * (so those sources stay due), and what was already read is clustered and stored before returning.
   */
  signal?: AbortSignal;
}

export interface PollSummary {
  polled: number;
  failed: number;
  newItems: number;
}

/**
 * One source's fresh items, ready to cluster and store once every fetch of the cycle is in. Only
 * what is new is kept: a cycle holds its new items in memory, not its feeds.
 */
interface SourceBatch {
  source: SourceSpec;
  outcome: { status: PollResult["status"]; items: number; firstPoll: boolean };
  fresh: FeedItem[];
  held: boolean;
  log: Logger;
  prepared: ItemToStore[];
}

/**
 * Polls every due source once: fetch and parse concurrently, then match and cluster the cycle's
 * new items in one fixed order (publication time, then source, then id), so the same items make
 * the same stories whichever fetch finished first; then store one source at a time. A source
 * whose results cannot be stored is logged and counted as failed; the others go on.
 */
export async function runPollCycle(deps: PollCycleDeps, options: PollCycleOptions = {}): Promise<PollSummary> {
  const { ingester, store, log } = deps;
  const summary: PollSummary = { polled: 0, failed: 0, newItems: 0 };
  const states = new Map((await store.listSourceStates()).map((state) => [state.sourceId, state]));
  const due: PollJob[] = [];
  for (const source of deps.sources) {
    if (options.sourceIds && !options.sourceIds.has(source.id)) continue;
    const state = states.get(source.id) ?? null;
    if (options.force || ingester.isDue(source, state)) due.push({ source, state });
  }
  const batches: SourceBatch[] = [];
  let processing = Promise.resolve();
  let done = 0;
  const progress = () => options.onProgress?.({ done, total: due.length, failed: summary.failed });
  progress();
  const { signal } = options;
  const polling = ingester.pollAll(due, async (result, { source, state }) => {
    if (signal?.aborted) return;
    const sourceLog = log.child({ job: "poll", source: source.id });
    const read = processing.then(() => readResult(deps, source, result, state, sourceLog, summary));
    processing = read.then(() => undefined, () => undefined);
    try {
      const batch = await read;
      if (batch) batches.push(batch);
    } catch (error) {
      summary.failed += 1;
      sourceLog.error({ err: error }, "could not store what the poll found");
    }
    done += 1;
    progress();
  }, signal);
  await untilAborted(polling, signal);
  await processing;
  const renames = await clusterInOrder(deps, batches);
  try {
    await store.mergeStories(renames);
  } catch (error) {
    log.error({ err: error, job: "poll" }, "could not move stored items to the stories they merged into");
  }
  for (const batch of batches) {
    try {
      await storeBatch(deps, batch, summary);
    } catch (error) {
      summary.failed += 1;
      batch.log.error({ err: error }, "could not store what the poll found");
    }
  }
  return summary;
}

/** Records a source's poll and picks out its items not stored before; null when the poll failed. */
async function readResult(
  deps: PollCycleDeps,
  source: SourceSpec,
  result: PollResult,
  previous: SourceState | null,
  log: Logger,
  summary: PollSummary,
): Promise<SourceBatch | null> {
  summary.polled += 1;
  (deps.metrics ?? noMetrics).pollDone(result.status);
  await deps.store.saveSourceState(result.state);
  logStateChange(log, previous, result, deps.clock.now());
  if (result.status === "failed") {
    summary.failed += 1;
    // Paused now and not before: a paused feed tried again that fails again is not news to anyone.
    if (result.state.pausedUntil !== null && !previous?.pausedUntil) await deps.onSourcePaused?.(source, result.state);
    return null;
  }
  // Ids are unique within one fetch: normaliseFeed keeps the first of each.
  const known = await deps.store.knownItemIds(source.id, result.items.map((item) => item.id));
  const fresh = result.items.filter((candidate) => !known.has(candidate.id));
  // A feed that re-issues old items under new guids is held: stored as seen, in no digest, alerting nobody.
  const held = !result.firstPoll && looksLikeReissue(result.items, known, { since: previous?.lastSuccessAt ?? undefined });
  if (held) log.warn({ items: fresh.length }, "most items look like old ones under new ids; stored as seen without posting");
  const outcome = { status: result.status, items: result.items.length, firstPoll: result.firstPoll };
  return { source, outcome, fresh, held, log, prepared: [] };
}

/**
 * Matches and clusters every new item of the cycle, oldest first (so a story is named after, and
 * led by, the item that broke it), ties by source and id. Stories merged on the way are followed:
 * items of this cycle get the story they ended in; the renames returned move stored ones.
 */
async function clusterInOrder(deps: PollCycleDeps, batches: SourceBatch[]): Promise<Map<string, string>> {
  const now = deps.clock.now();
  const metrics = deps.metrics ?? noMetrics;
  const queue = batches.flatMap((batch) => batch.fresh.map((item) => ({ item: { ...item, sourceId: batch.source.id }, batch })));
  queue.sort((a, b) => clusterOrder(a.item, b.item));
  const merges = createStoryMerges();
  for (const { item, batch } of queue) {
    try {
      const { merged, isNewCluster, ...ready } = await prepareItem(item, batch.source, deps.matcher, deps.clusterer, now);
      if (isNewCluster) metrics.storyOpened();
      merges.record(ready.clusterId, merged);
      batch.prepared.push(batch.held ? { ...ready, passedTopicIds: [] } : ready);
    } catch (error) {
      batch.log.warn({ item_id: item.id, reason: (error as Error).message }, "item skipped");
    }
  }
  for (const batch of batches) for (const item of batch.prepared) item.clusterId = merges.current(item.clusterId);
  return merges.renames();
}

async function storeBatch(deps: PollCycleDeps, batch: SourceBatch, summary: PollSummary): Promise<void> {
  const { outcome, held, log } = batch;
  const saved = await deps.store.saveItems(batch.prepared, deps.clock.now().toISOString());
  summary.newItems += saved.length;
  countStored(deps.metrics ?? noMetrics, batch.prepared, saved);
  log.debug({ status: outcome.status, items: outcome.items, new_items: saved.length, first_poll: outcome.firstPoll }, "polled");
  if (saved.length > 0 && !outcome.firstPoll && !held) await deps.onNewItems?.(saved);
}

/** Waits for `work`, or only until `signal` aborts; a rejection of work left behind is dropped. */
async function untilAborted(work: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return work;
  if (signal.aborted) return void work.catch(() => undefined);
  let onAbort: () => void = () => undefined;
  const aborted = new Promise<void>((resolve) => (onAbort = resolve));
  signal.addEventListener("abort", onAbort, { once: true });
  try {
    await Promise.race([work, aborted]);
  } finally {
    signal.removeEventListener("abort", onAbort);
    if (signal.aborted) work.catch(() => undefined);
  }
}

async function prepareItem(
  item: FeedItem,
  source: SourceSpec,
  matcher: Matcher,
  clusterer: Clusterer,
  now: Date,
): Promise<ItemToStore & { merged: string[]; isNewCluster: boolean }> {
  const matches = matcher.match(item, now);
  const { clusterId, merged, isNewCluster } = await clusterer.assign({ ...item, key: `${source.id}:${item.id}` });
  return {
    ...item,
    matches,
    passedTopicIds: matches.filter((match) => matcher.passes(match)).map((match) => match.topicId),
    clusterId,
    merged,
    isNewCluster,
  };
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
