import type { Clock } from "../domain/clock.js";
import type { FeedItem } from "../domain/item.js";
import type { StoredItem } from "../domain/story.js";
import type { SourceState } from "../domain/source-state.js";
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
export async function runPollCycle(deps: PollCycleDeps, options: { force?: boolean } = {}): Promise<PollSummary> {
  const { ingester, store, log } = deps;
  const summary: PollSummary = { polled: 0, failed: 0, newItems: 0 };
  const states = new Map((await store.listSourceStates()).map((state) => [state.sourceId, state]));
  const due: PollJob[] = [];
  for (const source of deps.sources) {
    const state = states.get(source.id) ?? null;
    if (options.force || ingester.isDue(source, state)) due.push({ source, state });
  }
  let processing = Promise.resolve();
  await ingester.pollAll(due, async (result, { source, state }) => {
    const sourceLog = log.child({ job: "poll", source: source.id });
    // Clustering compares each item with those stored before it, so sources are stored one after another.
    const done = processing.then(() => storeResult(deps, source, result, state, sourceLog, summary));
    processing = done.catch(() => undefined);
    try {
      await done;
    } catch (error) {
      summary.failed += 1;
      sourceLog.error({ err: error }, "could not store what the poll found");
    }
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
  summary.polled += 1;
  await deps.store.saveSourceState(result.state);
  const movedTo = result.state.movedTo;
  if (movedTo && movedTo !== previous?.movedTo) log.warn({ moved_to: maskUrl(movedTo) }, "feed moved permanently; polling the new address, update the config");
  if (result.status === "failed") {
    summary.failed += 1;
    log.warn({ reason: result.error?.message, consecutive_failures: result.state.consecutiveFailures }, "poll failed");
    // Paused now and not before: a paused feed tried again that fails again is not news to anyone.
    if (result.state.pausedUntil !== null && !previous?.pausedUntil) await deps.onSourcePaused?.(source, result.state);
    return;
  }
  const now = deps.clock.now();
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
      const ready = await prepareItem(item, source, matcher, deps.clusterer, now);
      prepared.push(held ? { ...ready, passedTopicIds: [] } : ready);
    } catch (error) {
      log.warn({ item_id: item.id, reason: (error as Error).message }, "item skipped");
    }
  }
  const saved = await deps.store.saveItems(prepared, now.toISOString());
  summary.newItems += saved.length;
  log.info({ status: result.status, items: result.items.length, new_items: saved.length, first_poll: result.firstPoll }, "polled");
  if (saved.length > 0 && !result.firstPoll && !held) await deps.onNewItems?.(saved);
}

async function prepareItem(
  item: FeedItem,
  source: SourceSpec,
  matcher: Matcher,
  clusterer: Clusterer,
  now: Date,
): Promise<ItemToStore> {
  const matches = matcher.match(item, now);
  const { clusterId } = await clusterer.assign({ ...item, key: `${source.id}:${item.id}` });
  return {
    ...item,
    matches,
    passedTopicIds: matches.filter((match) => matcher.passes(match)).map((match) => match.topicId),
    clusterId,
  };
}
