/** The tenant the YAML config seeds; a single-team bot runs on it alone. */
export const DEFAULT_TENANT = "default";

/** Who made a change from chat (`slack:U123`), and when (ISO): every change is audited with it. */
export interface ChangeBy {
  actor: string;
  at: string;
}

/** A feed a tenant subscribed to from chat; one feed (one canonical URL) serves every tenant that subscribed. */
export interface TenantFeed {
  tenantId: string;
  feedId: string;
  url: string;
  title: string | null;
  addedBy: string;
  addedAt: string;
}

export interface TenantTopic {
  tenantId: string;
  /** The id as the tenant named it; unique within the tenant only. */
  id: string;
  query: string;
  /** What digests call it; null shows the id. */
  name: string | null;
  addedBy: string;
  addedAt: string;
}

/** A tenant's own `@name`, usable in its topics, watches and searches only. */
export interface TenantAlias {
  tenantId: string;
  name: string;
  query: string;
  addedBy: string;
  addedAt: string;
}

/** A digest an admin set up for a channel with `/brief digest here`. */
export interface ChannelDigest {
  tenantId: string;
  /** Formatted target: `slack:C123` or `discord:123…`. */
  target: string;
  schedule: string;
  /** Tenant topic ids; empty means every topic of the tenant. */
  topics: string[];
  timeZone: string | null;
  addedBy: string;
  addedAt: string;
}

export interface AuditEntry {
  tenantId: string;
  at: string;
  actor: string;
  /** `feed.add`, `feed.remove`, `topic.add`, `topic.remove`, `alias.set`, `alias.remove`, `digest.set`, `digest.off`. */
  action: string;
  subject: string;
}

/**
 * Tenants and what they set up from chat. Every change is written with its audit row in one
 * transaction, so the audit never misses a change nor records one that did not happen.
 */
export interface TenantStore {
  listTenants(): Promise<string[]>;
  /** Creates the tenant if it is new; true when it was. */
  createTenant(tenantId: string, by: ChangeBy): Promise<boolean>;
  /** Every tenant's feeds (tenantId null) or one tenant's. */
  tenantFeeds(tenantId: string | null): Promise<TenantFeed[]>;
  /** Subscribes the tenant to the feed at `url` (stored once under `feedId`); false when it already was. */
  subscribeFeed(feed: { tenantId: string; feedId: string; url: string; title: string | null }, by: ChangeBy): Promise<boolean>;
  unsubscribeFeed(tenantId: string, feedId: string, by: ChangeBy): Promise<boolean>;
  tenantTopics(tenantId: string | null): Promise<TenantTopic[]>;
  /** False when the tenant has a topic with that id already. */
  addTopic(topic: { tenantId: string; id: string; query: string; name?: string | null }, by: ChangeBy): Promise<boolean>;
  removeTopic(tenantId: string, id: string, by: ChangeBy): Promise<boolean>;
  /** Every tenant's aliases (tenantId null) or one tenant's. */
  tenantAliases(tenantId: string | null): Promise<TenantAlias[]>;
  /** Sets (or replaces) the tenant's alias; true when it is new. */
  setAlias(alias: { tenantId: string; name: string; query: string }, by: ChangeBy): Promise<boolean>;
  removeAlias(tenantId: string, name: string, by: ChangeBy): Promise<boolean>;
  channelDigests(tenantId: string | null): Promise<ChannelDigest[]>;
  /** Sets (or replaces) the channel's digest. */
  setChannelDigest(digest: Omit<ChannelDigest, "addedBy" | "addedAt">, by: ChangeBy): Promise<void>;
  removeChannelDigest(tenantId: string, target: string, by: ChangeBy): Promise<boolean>;
  /** Newest first; every tenant's when tenantId is null. */
  auditLog(tenantId: string | null, limit: number): Promise<AuditEntry[]>;
}
