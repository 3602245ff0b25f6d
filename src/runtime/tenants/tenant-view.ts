import { createHash } from "node:crypto";
import type { BriefingConfig } from "../../config/config-schema.js";
import { canonicalUrl, type SourceSpec } from "../../ingest/index.js";
import { DEFAULT_TENANT, type Store, type TenantAlias, type TenantFeed, type TenantTopic } from "../../store/index.js";

/** Who is in which tenant and what each tenant follows, read once per poll, digest run or command. */
export interface TenantView {
  tenantIds: ReadonlySet<string>;
  /** Feeds added from chat that no configured source already polls: each polled once, whoever follows it. */
  chatSources: SourceSpec[];
  chatFeeds: TenantFeed[];
  /** Topics added from chat, with the id they are matched and stored under. */
  chatTopics: Array<TenantTopic & { matchId: string }>;
  chatAliases: TenantAlias[];
  /** The `@name` aliases a tenant's queries use: the config's and its own for the default tenant, only its own for another. */
  aliasesOf(tenantId: string): Record<string, string>;
  /** The source ids whose items a tenant sees. */
  sourcesOf(tenantId: string): ReadonlySet<string>;
  /** The tenant a matched topic id belongs to. */
  tenantOfTopic(matchId: string): string;
  /** The tenant whose settings a workspace reads: its own once it made one, else the default. */
  tenantOfWorkspace(platform: string, workspaceId: string | null): string;
}

/**
 * The id a topic is matched and stored under: the default tenant's as they are (the config's ids keep
 * working in `topic:` filters and digests), another tenant's behind its tenant id, so two tenants may
 * both have a topic `chips`.
 */
export function matchIdOf(tenantId: string, topicId: string): string {
  return tenantId === DEFAULT_TENANT ? topicId : `${tenantId}/${topicId}`;
}

/** The tenant a workspace's changes go to: the default for the console, DMs and the config's default workspaces. */
export function workspaceTenant(config: BriefingConfig, platform: string, workspaceId: string | null): string {
  if (platform === "console" || workspaceId === null) return DEFAULT_TENANT;
  const id = `${platform}:${workspaceId}`;
  return config.tenants.default_workspaces.includes(id) ? DEFAULT_TENANT : id;
}

/** The source id a feed URL is kept under: a configured source with the same canonical address keeps its id. */
export function feedIdFor(config: BriefingConfig, url: string): string | null {
  const canonical = canonicalUrl(url);
  if (canonical === null) return null;
  const configured = config.sources.find((source) => source.url !== undefined && canonicalUrl(source.url) === canonical);
  return configured?.id ?? `feed-${createHash("sha256").update(canonical).digest("hex").slice(0, 10)}`;
}

/** A tenant's aliases by name: the YAML ones belong to the default tenant alone. */
export function tenantAliasMap(config: BriefingConfig, tenantId: string, own: ReadonlyArray<Pick<TenantAlias, "name" | "query">>): Record<string, string> {
  const base = tenantId === DEFAULT_TENANT ? config.aliases : {};
  return { ...Object.fromEntries(own.map((alias) => [alias.name, alias.query])), ...base };
}

export async function loadTenantView(store: Store, config: BriefingConfig): Promise<TenantView> {
  const [tenantIds, chatFeeds, topics, chatAliases] = await Promise.all([store.listTenants(), store.tenantFeeds(null), store.tenantTopics(null), store.tenantAliases(null)]);
  const tenants = new Set(tenantIds);
  const configured = new Set(config.sources.map((source) => source.id));
  const chatSources = new Map<string, SourceSpec>();
  for (const feed of chatFeeds) {
    if (!configured.has(feed.feedId)) chatSources.set(feed.feedId, { id: feed.feedId, url: feed.url, weight: 1 });
  }
  const sources = new Map<string, Set<string>>([[DEFAULT_TENANT, new Set(configured)]]);
  for (const feed of chatFeeds) {
    const set = sources.get(feed.tenantId) ?? new Set<string>();
    sources.set(feed.tenantId, set.add(feed.feedId));
  }
  const chatTopics = topics.map((topic) => ({ ...topic, matchId: matchIdOf(topic.tenantId, topic.id) }));
  const topicTenants = new Map(chatTopics.map((topic) => [topic.matchId, topic.tenantId]));
  const none: ReadonlySet<string> = new Set();
  const aliases = (tenantId: string) => tenantAliasMap(config, tenantId, chatAliases.filter((alias) => alias.tenantId === tenantId));
  return {
    tenantIds: tenants,
    chatSources: [...chatSources.values()],
    chatFeeds,
    chatTopics,
    chatAliases,
    aliasesOf: aliases,
    sourcesOf: (tenantId) => sources.get(tenantId) ?? none,
    tenantOfTopic: (matchId) => topicTenants.get(matchId) ?? DEFAULT_TENANT,
    tenantOfWorkspace(platform, workspaceId) {
      const id = workspaceTenant(config, platform, workspaceId);
      return tenants.has(id) ? id : DEFAULT_TENANT;
    },
  };
}
