import { createClusterer } from "../cluster/index.js";
import type { LoadedConfig } from "../config/load-config.js";
import type { Clock } from "../domain/clock.js";
import { createIngester, type SourceSpec } from "../ingest/index.js";
import { createEnqueueSignal, createOutboxRelay, type EnqueueSignal, type OutboxRelay, type SenderForTarget } from "../outbox/index.js";
import { createSecretBox, openSqliteStore, type OpenedStore, type Store } from "../store/index.js";
import { createAlertJob } from "./alert-job.js";
import { createOutletNames, type OutletNames } from "./outlet-names.js";
import { feedPausedNotice } from "./feed-paused-notice.js";
import { createOperatorNotices } from "./operator-notices.js";
import { digestIdOf, runDigest, previewDigest, type DigestJobDeps } from "./digest-job.js";
import type { Logger } from "./logger.js";
import { sourceWeightsOf } from "./topic-matcher.js";
import { runPollCycle, type PollCycleOptions, type PollSummary } from "./poll-cycle.js";
import { signallingStore } from "./signalling-store.js";
import type { StoredItem } from "../domain/story.js";
import { meteredSenders } from "./operations/metered-senders.js";
import { noMetrics, type Metrics } from "../domain/metrics.js";
import type { BriefingConfig } from "../config/config-schema.js";
import { loadTenantView, type TenantView } from "./tenants/tenant-view.js";
import type { Watch } from "../alerts/index.js";
import { createTenantMatchers } from "./tenants/tenant-matcher.js";
import { runDueChatDigests } from "./tenants/chat-digests.js";

export interface AppDeps {
  loaded: LoadedConfig;
  clock: Clock;
  log: Logger;
  senderFor: SenderForTarget;
  /** The opened store (`createStore`); without it, the configured SQLite file is opened. */
  storage?: OpenedStore;
  /** Overrides the configured SQLite file when no `storage` is given (tests use ":memory:"). */
  databaseFile?: string;
  /** Where polls, digests and deliveries are counted; nothing is counted without it. */
  metrics?: Metrics;
  /** BRIEFING_SECRET_KEY: seals stored feed credentials; without it they are stored masked only. */
  secretKey?: Buffer | null;
}

/** The bot's core, built once from config: every long-lived component, wired and ready. */
export interface BriefingApp {
  store: Store;
  /** The store with the services that depend on its database: search, installations, leases. */
  storage: OpenedStore;
  relay: OutboxRelay;
  /** Told after every write that put messages in the outbox, by whichever part of the app wrote them. */
  enqueued: EnqueueSignal;
  digestDeps: DigestJobDeps;
  /** Outlet names for alerts and search, with feed titles learnt as sources are polled. */
  readonly outlets: OutletNames;
  /** The config in effect: the one loaded at start, or the last one a reload applied. */
  config: BriefingConfig;
  /** Platforms the relay stopped for this process (revoked token), with the reason. */
  pausedPlatforms(): Map<string, string>;
  /** Applies a validated config's sources, topics, aliases and digests from the next job on. */
  reconfigure(config: BriefingConfig): void;
  /**
   * One poll cycle. Watch alerts for the new items are planned inline, unless `onNewItems` takes them
   * (the worker queues them as a job of their own).
   */
  poll(options?: PollCycleOptions & { onNewItems?: (items: StoredItem[]) => Promise<void> }): Promise<PollSummary>;
  /** The configured sources due for a poll now. */
  /** Ids of the sources (configured and chat-made) due for a poll now; every one with `force`. */
  dueSourceIds(options?: { force?: boolean }): Promise<string[]>;
  /** Plans and enqueues the watch alerts for items a poll stored for the first time; returns messages enqueued. */
  planAlerts(items: StoredItem[]): Promise<number>;
  /**
   * Builds and queues one digest. With `slot` (the cron slot a job was queued for), does nothing if
   * the digest's window already reaches past the slot: another worker posted it.
   */
  runDigest(index: number, options?: { slot?: string }): Promise<number>;
  /** Runs the channel digests set up from chat whose time has come; returns the messages enqueued. */
  runChatDigests(): Promise<number>;
  /** Tenants and what each follows, as stored now. */
  tenantView(): Promise<TenantView>;
  previewDigest(index: number, format?: Parameters<typeof previewDigest>[3]): ReturnType<typeof previewDigest>;
  close(): Promise<void>;
}

export function createApp(deps: AppDeps): BriefingApp {
  const { config } = deps.loaded;
  const metrics = deps.metrics ?? noMetrics;
  const storage = deps.storage ?? openSqliteStore(deps.databaseFile ?? config.storage.path, { secretBox: deps.secretKey ? createSecretBox(deps.secretKey) : null });
  const enqueued = createEnqueueSignal();
  const store = signallingStore(storage.store, enqueued);
  const { clusterIndex } = storage;
  const clusterer = createClusterer({ index: clusterIndex, windowHours: config.cluster.window / 3_600_000 });
  const ingester = createIngester({
    clock: deps.clock,
    defaultIntervalMs: config.poll.every,
    minIntervalMs: config.poll.min_interval,
    maxIntervalMs: config.poll.max_interval,
    concurrency: config.poll.concurrency,
    perHostConcurrency: config.poll.per_host,
    timeoutMs: config.poll.timeout,
    maxBytes: config.poll.max_bytes,
    allowPrivateNetworks: config.poll.allow_private_networks,
    metrics,
  });
  // What a reload replaces: everything read from sources, topics, aliases, digests and admins.
  let current = configured(config, store, deps);
  const pausedPlatforms = new Map<string, string>();
  const relay = createOutboxRelay({
    store,
    senderFor: deps.metrics ? meteredSenders(deps.senderFor, metrics, deps.clock) : deps.senderFor,
    clock: deps.clock,
    log: deps.log.child({ job: "deliver" }),
    onTargetPaused: (target, reason) =>
      current.notices.tell(target, `briefing-bot stopped posting to ${target}: ${reason}. Fix access, then \`briefing outbox retry <id>\` sends what is waiting.`),
    onPlatformPaused: (platform, reason) => {
      pausedPlatforms.set(platform, reason);
      return current.notices.platformPaused(platform, reason);
    },
  });
  // Chat-made feeds, topics and aliases are read afresh each time: a change from chat takes effect at once.
  const tenantView = () => loadTenantView(store, current.config);
  // A watch hears only of items from its own tenant's sources, with its tenant's aliases, whichever process plans the alerts.
  const alertsSeenFrom = (view: TenantView) => (items: StoredItem[]) => current.alerts(items, watcherSees(view), watcherAliases(view));
  const digestAt = (index: number) => {
    const digest = current.config.digests[index];
    if (!digest) throw new RangeError(`no digest at index ${index}`);
    return digest;
  };

  return {
    store,
    storage,
    relay,
    enqueued,
    get digestDeps() {
      return current.digestDeps;
    },
    get config() {
      return current.config;
    },
    get outlets() {
      return current.outlets;
    },
    pausedPlatforms: () => new Map(pausedPlatforms),
    reconfigure(next) {
      current = configured(next, store, deps);
    },
    tenantView,
    async poll(options) {
      const { sources, matcherFor, outlets, notices } = current;
      const view = await tenantView();
      outlets.learn(await store.listSourceStates());
      const summary = await runPollCycle(
        {
          sources: [...sources, ...view.chatSources],
          ingester,
          matcher: matcherFor(view),
          clusterer,
          store,
          clock: deps.clock,
          log: deps.log,
          metrics,
          onNewItems: options?.onNewItems ?? (async (items) => void (await alertsSeenFrom(view)(items))),
          onSourcePaused: (source, state) => notices.tell(`feed:${source.id}`, feedPausedNotice(source, state), `admin:feed:${source.id}:${state.pausedUntil}`),
        },
        options,
      );
      // Stories older than twice the window can no longer gain members: their lookup keys go.
      await clusterIndex.prune(deps.clock.now().getTime() - 2 * config.cluster.window);
      outlets.learn(await store.listSourceStates());
      return summary;
    },
    async dueSourceIds(options) {
      const view = await tenantView();
      const sources = [...current.sources, ...view.chatSources];
      if (options?.force) return sources.map((source) => source.id);
      const states = new Map((await store.listSourceStates()).map((state) => [state.sourceId, state]));
      return sources.filter((source) => ingester.isDue(source, states.get(source.id) ?? null)).map((source) => source.id);
    },
    planAlerts: async (items) => alertsSeenFrom(await tenantView())(items),
    async runDigest(index, options) {
      const digest = digestAt(index);
      const id = digestIdOf(digest, index);
      if (options?.slot !== undefined) {
        const mark = await store.getDigestMark(id);
        if (mark !== null && Date.parse(mark) >= Date.parse(options.slot)) return 0;
      }
      const enqueued = await runDigest(current.digestDeps, digest, id);
      metrics.digestBuilt(id, enqueued);
      return enqueued;
    },
    async runChatDigests() {
      const enqueued = await runDueChatDigests(current.config, await tenantView(), current.digestDeps, await store.channelDigests(null));
      if (enqueued > 0) metrics.digestBuilt("chat", enqueued);
      return enqueued;
    },
    previewDigest: (index, format) => previewDigest(current.digestDeps, digestAt(index), digestIdOf(digestAt(index), index), format),
    async close() {
      await ingester.close();
      await storage.close();
    },
  };
}

/** Whether a watch's owner may hear of an item from `sourceId`: only its own tenant's sources count. */
function watcherSees(view: TenantView): (watch: Watch, sourceId: string) => boolean {
  return (watch, sourceId) => view.sourcesOf(view.tenantOfWorkspace(watch.owner.platform, watch.owner.workspaceId)).has(sourceId);
}

/** The aliases a watch's query reads: its owner's tenant's. */
function watcherAliases(view: TenantView): (watch: Watch) => Record<string, string> {
  return (watch) => view.aliasesOf(view.tenantOfWorkspace(watch.owner.platform, watch.owner.workspaceId));
}

/** The parts of the app a config reload rebuilds; the store, ingester, clusterer and relay stay. */
function configured(config: BriefingConfig, store: Store, deps: AppDeps) {
  const outlets = createOutletNames(config);
  const alerts = createAlertJob({
    store,
    clock: deps.clock,
    log: deps.log,
    aliases: config.aliases,
    sourceWeights: sourceWeightsOf(config),
    outletOf: outlets.of,
    timeZone: config.timezone,
    maxAgeMs: config.alerts.max_age,
  });
  const sources: SourceSpec[] = config.sources.map((source) => ({
    id: source.id,
    url: source.url,
    path: source.path,
    weight: source.weight,
    everyMs: source.every,
  }));
  const digestDeps: DigestJobDeps = {
    store,
    clock: deps.clock,
    beat: config.beat,
    topics: config.topics.map((topic) => ({ id: topic.id, name: topic.name, maxStories: topic.max_stories })),
    sources: config.sources,
    defaultTimeZone: config.timezone,
  };
  return {
    config,
    matcherFor: createTenantMatchers(config, (topic, error) =>
      deps.log.warn({ job: "poll", topic, err: error instanceof Error ? error.message : String(error) }, "a chat-made topic no longer parses (an alias it used was removed); it is skipped"),
    ),
    alerts,
    sources,
    digestDeps,
    outlets,
    notices: createOperatorNotices({ store, clock: deps.clock, log: deps.log.child({ job: "notify" }), notify: config.admins.notify, fallback: config.admins.notify_fallback }),
  };
}
