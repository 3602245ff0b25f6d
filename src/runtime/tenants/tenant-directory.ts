import type { TenantDirectory } from "../../commands/index.js";
import { cronSchema, timeZoneSchema, type BriefingConfig } from "../../config/config-schema.js";
import { maskUrl } from "../../domain/mask-url.js";
import { sourceLocation } from "../../ingest/index.js";
import { DEFAULT_TENANT, type Store } from "../../store/index.js";
import { feedIdFor, loadTenantView, matchIdOf, tenantAliasMap, workspaceTenant } from "./tenant-view.js";

/** The commands' view of tenants: the config's part (the default tenant's sources and topics) joined with the store's. */
export function createTenantDirectory(store: Store, config: BriefingConfig): TenantDirectory {
  return {
    async tenantOf(invoker) {
      return (await loadTenantView(store, config)).tenantOfWorkspace(invoker.platform, invoker.workspaceId);
    },
    tenantForChange: (invoker) => workspaceTenant(config, invoker.platform, invoker.workspaceId),
    async sourcesOf(tenantId) {
      const states = new Map((await store.listSourceStates()).map((state) => [state.sourceId, state]));
      const configured = tenantId === DEFAULT_TENANT ? config.sources.map((source) => ({ id: source.id, location: sourceLocation(source) })) : [];
      const known = new Set(configured.map((source) => source.id));
      const chat = (await store.tenantFeeds(tenantId)).filter((feed) => !known.has(feed.feedId)).map((feed) => ({ id: feed.feedId, location: feed.url }));
      return [...configured, ...chat].map((source) => ({ id: source.id, location: maskUrl(source.location), state: states.get(source.id) ?? null }));
    },
    async searchableSources(tenantId) {
      const view = await loadTenantView(store, config);
      // With no other tenant, the default one searches the whole archive, as before tenants existed.
      if (tenantId === DEFAULT_TENANT && [...view.tenantIds].every((id) => id === DEFAULT_TENANT)) return null;
      return [...view.sourcesOf(tenantId)];
    },
    topicPrefix: (tenantId) => matchIdOf(tenantId, ""),
    aliasesOf: async (tenantId) => tenantAliasMap(config, tenantId, await store.tenantAliases(tenantId)),
    chatAliasesOf: async (tenantId) => (await store.tenantAliases(tenantId)).map((alias) => ({ name: alias.name, query: alias.query })),
    configuredAliases: new Set(Object.keys(config.aliases)),
    async topicsOf(tenantId) {
      const configured = tenantId === DEFAULT_TENANT ? config.topics.map((topic) => ({ id: topic.id, name: topic.name, query: topic.query })) : [];
      const chat = (await store.tenantTopics(tenantId)).map((topic) => ({ id: topic.id, name: topic.name ?? topic.id, query: topic.query }));
      return [...configured, ...chat];
    },
    feedIdFor: (url) => feedIdFor(config, url),
    checkSchedule(schedule, timeZone) {
      const cron = cronSchema.safeParse(schedule);
      if (!cron.success) return cron.error.issues[0]?.message ?? `"${schedule}" is not a cron expression`;
      if (schedule.trim().split(/\s+/).length !== 5) return `"${schedule}" has ${schedule.trim().split(/\s+/).length} fields; a digest schedule has five (minute hour day month weekday)`;
      if (timeZone !== null) return timeZoneSchema.safeParse(timeZone).error?.issues[0]?.message ?? null;
      return null;
    },
    maxFeeds: config.tenants.max_feeds,
    defaultTimeZone: config.timezone,
  };
}
