import { planAlerts, type AlertHit, type AlertPlan, type Watch } from "../alerts/index.js";
import type { AlertStory } from "../domain/alert.js";
import type { Clock } from "../domain/clock.js";
import type { NewOutboxMessage } from "../domain/outbound.js";
import type { StoredItem } from "../domain/story.js";
import { compileMatcher, type Matcher } from "../match/index.js";
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
}

/** Matches newly stored items against every watch and enqueues one alert per watch and story. */
export function createAlertJob(deps: AlertJobDeps) {
  let compiled: { signature: string; matcher: Matcher } | null = null;

  const matcherFor = (watches: Watch[]): Matcher => {
    const signature = watches.map((w) => `${w.id}\u0000${w.query}`).join("\u0001");
    if (compiled?.signature !== signature) {
      const matcher = compileMatcher({
        queries: watches.map((w) => ({ id: w.id, query: w.query, threshold: 0 })),
        aliases: deps.aliases,
        sourceWeights: deps.sourceWeights,
      });
      compiled = { signature, matcher };
    }
    return compiled.matcher;
  };

  return async function onNewItems(items: StoredItem[]): Promise<number> {
    const watches = await deps.store.allWatches();
    if (watches.length === 0 || items.length === 0) return 0;
    const byId = new Map(watches.map((w) => [w.id, w]));
    const matcher = matcherFor(watches);
    const now = deps.clock.now();
    const hits: AlertHit[] = [];
    for (const item of items) {
      for (const match of matcher.match(item, now)) {
        const watch = byId.get(match.topicId);
        if (watch) hits.push({ watch, item, terms: match.terms });
      }
    }
    let enqueued = 0;
    for (const plan of planAlerts(hits)) {
      enqueued += await deps.store.sendAlertsOnce({
        watchId: plan.watch.id,
        clusterIds: plan.hits.map((hit) => hit.item.clusterId),
        at: now.toISOString(),
        build: (freshIds) => {
          const fresh = plan.hits.filter((hit) => freshIds.includes(hit.item.clusterId));
          return alertMessages({ ...plan, hits: fresh, collapsed: plan.collapsed && fresh.length > 1 }, deps, now.toISOString());
        },
      });
    }
    if (enqueued > 0) deps.log.info({ job: "alerts", messages: enqueued }, "alerts enqueued");
    return enqueued;
  };
}

function alertMessages(plan: AlertPlan, deps: AlertJobDeps, at: string): NewOutboxMessage[] {
  const format = formatForTarget(plan.watch.target);
  const render = (hits: AlertHit[]) =>
    renderAlert({ watchId: plan.watch.id, query: plan.watch.query, stories: hits.map((hit) => toAlertStory(hit, deps.outletOf)) }, format, at, deps.timeZone);
  const clusters = plan.hits.map((hit) => hit.item.clusterId).sort().join(",");
  const group = `alert:${plan.watch.id}:${plan.collapsed ? clusters : plan.hits[0]!.item.clusterId}`;
  const payloads = plan.collapsed ? render(plan.hits) : plan.hits.flatMap((hit) => render([hit]));
  return payloads.map((payload, part) => ({ key: `${group}:${part}`, target: plan.watch.target, group, part, payload }));
}

function toAlertStory(hit: AlertHit, outletOf: (sourceId: string) => string): AlertStory {
  const { item } = hit;
  return {
    title: item.title,
    url: item.url,
    sourceId: item.sourceId,
    outlet: outletOf(item.sourceId),
    otherOutlets: [],
    publishedAt: item.dateMissing ? item.firstSeenAt : item.publishedAt,
    ...(item.dateMissing ? { dateMissing: true } : {}),
    matchedTerms: hit.terms,
    excerpt: item.summary,
  };
}
