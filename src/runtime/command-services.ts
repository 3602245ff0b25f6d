import { channelDigestTarget, createCommandHandler, takeTurns, type ChannelCheck, type CommandHandler, type DigestService, type Invoker, type SearchService } from "../commands/index.js";
import type { BriefingConfig, DigestConfig } from "../config/config-schema.js";
import { formatTarget, type Target } from "../config/target.js";
import { maskUrl } from "../domain/mask-url.js";
import { sourceLocation } from "../ingest/index.js";
import { parseQuery } from "../match/index.js";
import { createSearchService } from "../search/index.js";
import type { BriefingApp } from "./app.js";
import { buildDigestModel, digestIdOf, runDigest } from "./digest-job.js";
import { compileSearchQuery } from "./search-query.js";
import { createThreadedSearch } from "./threaded-search.js";
import { chatDigestJob } from "./tenants/chat-digests.js";
import { createTenantDirectory } from "./tenants/tenant-directory.js";
import { createFeedProbe } from "./tenants/probe-feed.js";
import { DEFAULT_TENANT } from "../store/index.js";

/** The search behind `/brief search`; one per app, handed each reloaded config rather than rebuilt. */
export interface CommandSearch extends SearchService {
  reconfigure(config: BriefingConfig): void;
  close(): Promise<void>;
}

/**
 * A search thread for a SQLite file, so a long search never holds up the event loop; a database in
 * memory cannot be opened a second time, and PostgreSQL searches on its own server: both in place.
 */
export function createCommandSearch(app: BriefingApp, initialConfig: BriefingConfig): CommandSearch {
  let config = initialConfig;
  const file = app.storage.searchFile;
  if (file !== null) {
    const threaded = createThreadedSearch(file, config, app.digestDeps.clock, () => outletsBySource(app, config));
    return {
      search: (request) => threaded.search(request),
      reconfigure(next) {
        config = next;
        threaded.reconfigure(next);
      },
      close: () => threaded.close(),
    };
  }
  let inPlace = createArchiveSearch(app, config);
  return {
    search: (request) => inPlace.search(request),
    reconfigure(next) {
      config = next;
      inPlace = createArchiveSearch(app, next);
    },
    async close() {},
  };
}

/**
 * The `/brief` handler every platform adapter shares, wired to this app's store, matcher and digests.
 * Pass the app's `search` when the handler is rebuilt on a reload; without it the handler starts its own.
 */
export function createBriefCommandHandler(app: BriefingApp, config: BriefingConfig, checkChannel?: ChannelCheck, search: SearchService = createCommandSearch(app, config)): CommandHandler {
  return takeTurns(createCommandHandler({
    search,
    digests: createDigestService(app, config),
    watches: app.store,
    validateQuery: (query, aliases = config.aliases) => void parseQuery(query, aliases),
    topics: config.topics.map((topic) => ({ id: topic.id, name: topic.name, query: topic.query })),
    sources: async () => {
      const states = new Map((await app.store.listSourceStates()).map((state) => [state.sourceId, state]));
      return config.sources.map((source) => ({ id: source.id, location: maskUrl(sourceLocation(source)), state: states.get(source.id) ?? null }));
    },
    admins: { slack: config.admins.slack, discord: config.admins.discord },
    clock: app.digestDeps.clock,
    checkChannel,
    tenants: { directory: createTenantDirectory(app.store, config), store: app.store, probeFeed: createFeedProbe(config, app.digestDeps.clock) },
  }));
}

/** Outlet names of the configured sources, with the feed titles the store knows. */
async function outletsBySource(app: BriefingApp, config: BriefingConfig): Promise<Record<string, string>> {
  const states = await app.store.listSourceStates();
  app.outlets.learn(states);
  // Feeds added from chat are named by their titles, known once polled.
  const ids = new Set([...config.sources.map((source) => source.id), ...states.map((state) => state.sourceId)]);
  return Object.fromEntries([...ids].map((id) => [id, app.outlets.of(id)]));
}

/** Search over this app's archive, on the app's own connection, with the config's aliases. */
export function createArchiveSearch(app: BriefingApp, config: BriefingConfig): SearchService {
  const service = createSearchService({
    index: app.storage.searchIndex,
    compile: (query, aliases) => compileSearchQuery(query, config, aliases),
    clock: app.digestDeps.clock,
    beat: config.beat,
    timeZone: config.timezone,
    outletOf: app.outlets.of,
  });
  return {
    async search(request) {
      // Feed titles name the outlets; a CLI search runs without a poll that would have read them.
      app.outlets.learn(await app.store.listSourceStates());
      return service.search(request);
    },
  };
}


function channelTarget(invoker: Invoker): Target {
  switch (invoker.platform) {
    case "slack":
      return { platform: "slack", channel: invoker.channelId };
    case "discord":
      return { platform: "discord", channelId: invoker.channelId };
    case "console":
      return { platform: "console" };
  }
}

/** The configured digest for the invoker's channel (by id, or on Slack by `#name`), else an ad-hoc one shaped like the first digest. */
function digestFor(config: BriefingConfig, invoker: Invoker): { digest: DigestConfig; id: string } {
  const target = formatTarget(channelTarget(invoker));
  // Slack channel names are lower case whatever the config says; ids compare the same either way.
  const names = new Set([target.toLowerCase()]);
  if (invoker.platform === "slack" && invoker.channelName) names.add(`slack:#${invoker.channelName}`.toLowerCase()).add(`slack:${invoker.channelName}`.toLowerCase());
  const index = config.digests.findIndex((digest) => names.has(formatTarget(digest.to).toLowerCase()));
  if (index >= 0) return { digest: config.digests[index]!, id: digestIdOf(config.digests[index]!, index) };
  const template = config.digests[0];
  const digest: DigestConfig = {
    to: channelTarget(invoker),
    schedule: template?.schedule ?? "0 9 * * 1-5",
    topics: template?.topics,
    max_stories: template?.max_stories ?? 12,
    when_empty: "note",
    timezone: template?.timezone,
    look_back: template?.look_back,
  };
  return { digest, id: `adhoc-${target.replace(/[^a-zA-Z0-9]+/g, "-")}` };
}

/** The channel's digest set up from chat, else the configured one (or an ad-hoc one shaped like it). */
async function channelDigest(app: BriefingApp, config: BriefingConfig, invoker: Invoker) {
  const target = channelDigestTarget(invoker);
  const view = await app.tenantView();
  const tenantId = view.tenantOfWorkspace(invoker.platform, invoker.workspaceId);
  // A workspace with its own tenant previews its own topics, never the configured digest of another.
  const chat = (await app.store.channelDigests(null)).find((entry) => entry.target === target) ??
    (tenantId === DEFAULT_TENANT ? null : { tenantId, target, schedule: "0 9 * * 1-5", topics: [], timeZone: null, addedBy: "", addedAt: "" });
  const job = chat ? chatDigestJob(config, view, app.digestDeps, chat) : null;
  if (job) return { deps: job.deps, digest: job.digest, id: job.id };
  return { deps: app.digestDeps, ...digestFor(config, invoker) };
}

function createDigestService(app: BriefingApp, config: BriefingConfig): DigestService {
  return {
    async preview(invoker) {
      const { deps, digest, id } = await channelDigest(app, config, invoker);
      return (await buildDigestModel(deps, digest, id)).model;
    },
    async postNow(invoker) {
      const { deps, digest, id } = await channelDigest(app, config, invoker);
      const enqueued = await runDigest(deps, digest, id);
      // Safe beside any worker's drain: the outbox's claim gives each message to one relay.
      await app.relay.drain(undefined, [formatTarget(digest.to)]);
      return enqueued;
    },
  };
}
