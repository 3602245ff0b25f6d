import { claimsOf, isNews, onlyFresh, planAlerts, type AlertHit, type AlertPlan, type AlertStoryHit, type Watch } from "../alerts/index.js";
import type { AlertStory } from "../domain/alert.js";
import type { Clock } from "../domain/clock.js";
import type { NewOutboxMessage } from "../domain/outbound.js";
import type { StoredItem } from "../domain/story.js";
import { compileGroupedMatcher, type Matcher } from "../match/index.js";
import { renderAlert } from "../render/index.js";
import type { Store } from "../store/store.js";
import { formatForTarget } from "./format-for-target.js";
import type { Logger } from "./logger.js";

export interface AlertJobDeps {
  store: Store;
  clock: Clock;
  log: Logger;
  aliases: Record<string, string>;
  sourceWeights: Record<string, number>;
  outletOf: (sourceId: string) => string;
  timeZone: string;
  /** Items published longer than this before they were first seen are not alerted. */
  maxAgeMs?: number;
}

/** Matches newly stored items against every watch and enqueues one alert per watch and story. */
export function createAlertJob(deps: AlertJobDeps) {
  let compiled: { signature: string; matcher: Matcher } | null = null;

  // Watches grouped by the aliases their owner's tenant reads `@name` with.
  const matcherFor = (watches: Watch[], aliasesOf: (watch: Watch) => Record<string, string>): Matcher => {
    const groups = new Map<string, { aliases: Record<string, string>; queries: Array<{ id: string; query: string; threshold: number }> }>();
    for (const watch of watches) {
      const aliases = aliasesOf(watch);
      const key = JSON.stringify(aliases);
      const group = groups.get(key) ?? { aliases, queries: [] };
      groups.set(key, group);
      group.queries.push({ id: watch.id, query: watch.query, threshold: 0 });
    }
    const signature = JSON.stringify([...groups].map(([key, group]) => [key, group.queries.map((q) => [q.id, q.query])]));
    if (compiled?.signature !== signature) {
      const matcher = compileGroupedMatcher([...groups.values()], deps.sourceWeights, (id, error) =>
        deps.log.warn({ job: "alerts", watch: id, err: error instanceof Error ? error.message : String(error) }, "a watch no longer parses (an alias it used was removed); it is skipped"),
      );
      compiled = { signature, matcher };
    }
    return compiled.matcher;
  };

  /**
   * `canSee`: whether a watch's owner may hear of an item of that source (its tenant follows the source).
   * `aliasesOf`: the aliases of the watch owner's tenant; the config's when not given.
   */
  return async function onNewItems(
    items: StoredItem[],
    canSee: (watch: Watch, sourceId: string) => boolean = () => true,
    aliasesOf: (watch: Watch) => Record<string, string> = () => deps.aliases,
  ): Promise<number> {
    const watches = await deps.store.allWatches();
    if (watches.length === 0 || items.length === 0) return 0;
    const byId = new Map(watches.map((w) => [w.id, w]));
    const matcher = matcherFor(watches, aliasesOf);
    const now = deps.clock.now();
    const hits: AlertHit[] = [];
    for (const item of items) {
      if (!isNews(item, deps.maxAgeMs)) continue;
      for (const match of matcher.match(item, now)) {
        const watch = byId.get(match.topicId);
        if (watch && canSee(watch, item.sourceId)) hits.push({ watch, item, terms: match.terms });
      }
    }
    let enqueued = 0;
    for (const plan of planAlerts(hits)) {
      enqueued += await deps.store.sendAlertsOnce({
        claims: claimsOf(plan),
        at: now.toISOString(),
        build: (fresh) => alertMessages(onlyFresh(plan, fresh), deps, now.toISOString()),
      });
    }
    if (enqueued > 0) deps.log.info({ job: "alerts", messages: enqueued }, "alerts enqueued");
    return enqueued;
  };
}

function alertMessages(plan: AlertPlan, deps: AlertJobDeps, at: string): NewOutboxMessage[] {
  const format = formatForTarget(plan.target);
  const render = (stories: AlertStoryHit[]) => {
    const watches = uniqueWatches(stories);
    return renderAlert({ watches: watches.map((w) => ({ id: w.id, query: w.query })), stories: stories.map((story) => toAlertStory(story, deps.outletOf)) }, format, at, deps.timeZone);
  };
  const clusters = plan.stories.map((story) => story.item.clusterId).sort().join(",");
  // Keyed by destination, watches and story: two watches of one person make one message, once.
  const watchIds = uniqueWatches(plan.stories).map((w) => w.id).join("+");
  const group = `alert:${plan.target}:${watchIds}:${plan.collapsed ? clusters : plan.stories[0]!.item.clusterId}`;
  const payloads = plan.collapsed ? render(plan.stories) : plan.stories.flatMap((story) => render([story]));
  return payloads.map((payload, part) => ({ key: `${group}:${part}`, target: plan.target, group, part, payload }));
}

function uniqueWatches(stories: AlertStoryHit[]): Watch[] {
  const byId = new Map<string, Watch>();
  for (const story of stories) for (const { watch } of story.watches) byId.set(watch.id, watch);
  return [...byId.values()].sort((a, b) => Number(a.id) - Number(b.id) || a.id.localeCompare(b.id));
}

function toAlertStory(story: AlertStoryHit, outletOf: (sourceId: string) => string): AlertStory {
  const { item } = story;
  return {
    title: item.title,
    url: item.url,
    sourceId: item.sourceId,
    outlet: outletOf(item.sourceId),
    otherOutlets: [],
    publishedAt: item.dateMissing ? item.firstSeenAt : item.publishedAt,
    ...(item.dateMissing ? { dateMissing: true } : {}),
    matchedTerms: [...new Set(story.watches.flatMap((entry) => entry.terms))],
    excerpt: item.summary,
  };
}
