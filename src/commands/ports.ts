import type { Digest } from "../domain/digest.js";
import type { SourceState } from "../domain/source-state.js";
import type { Invoker } from "./brief-command.js";

/** Archive search with the query language; the result is a one-section digest, best story first. */
export interface SearchService {
  search(request: SearchRequest): Promise<Digest>;
}

export interface SearchRequest {
  /** The query as typed, filters (`since:7d`, `before:2026-01-31`, `topic:`, `source:`) included. */
  text: string;
  limit: number;
  /** Only items of these sources (the asker's tenant); null or absent searches every source. */
  sourceIds?: string[] | null;
  /** Put before each `topic:<id>` filter's id: a tenant's topics are stored under its own ids. */
  topicPrefix?: string;
  /** The asker's tenant's `@name` aliases; the config's when absent. */
  aliases?: Record<string, string>;
}

/** The digests configured for channels, as `/brief digest` sees them. */
export interface DigestService {
  /** What the digest for the invoker's channel (or the first digest) would contain now. */
  preview(invoker: Invoker): Promise<Digest>;
  /** Posts that digest to the invoker's channel now, through the outbox; returns the messages enqueued. */
  postNow(invoker: Invoker): Promise<number>;
}

/** Throws a QueryError (with a caret under the column) when the query does not parse with `aliases` (the config's when absent). */
export type QueryValidator = (query: string, aliases?: Record<string, string>) => void;

export interface TopicInfo {
  id: string;
  name: string;
  query: string;
}

export interface SourceInfo {
  id: string;
  location: string;
  state: SourceState | null;
}

/**
 * Whether alerts or digests may go to a channel an admin named in a command: it must be in the
 * invoker's own workspace or server, and the bot must be able to post there. Resolves null when it
 * may, else the reason to show the admin.
 */
export type ChannelCheck = (invoker: Invoker, channelId: string) => Promise<string | null>;

/** What a feed URL leads to, read once before it is saved. */
export interface FeedPreview {
  /** The feed's own URL: the one given, or the feed a web page named. */
  feedUrl: string;
  title: string;
  /** The newest headlines, newest first (at most three). */
  headlines: string[];
}

/**
 * Reads the feed behind a URL once, following a web page's feed link, through the address guard.
 * Rejects with a `BriefingError` whose message says what was wrong (unreachable, no feed, private address).
 */
export type FeedProbe = (url: string) => Promise<FeedPreview>;

/** Which tenant an invoker acts in, and what that tenant sees; the runtime knows the config's part of it. */
export interface TenantDirectory {
  /** The tenant whose feeds, topics and archive the invoker sees. */
  tenantOf(invoker: Invoker): Promise<string>;
  /**
   * The tenant an admin's change applies to, without creating it: a workspace becomes its own tenant
   * on its first change (the store's `createTenant`), unless the config keeps it on the default tenant.
   */
  tenantForChange(invoker: Invoker): string;
  /** The tenant's sources with their health, for `/brief feeds`. */
  sourcesOf(tenantId: string): Promise<SourceInfo[]>;
  /** The source ids the tenant may search; null when it may search every source. */
  searchableSources(tenantId: string): Promise<string[] | null>;
  /** What a tenant's topic ids are stored under: its `topic:<id>` filters search `<prefix><id>`. */
  topicPrefix(tenantId: string): string;
  /** The `@name` aliases the tenant's queries use: the config's and its own for the default tenant, only its own for another. */
  aliasesOf(tenantId: string): Promise<Record<string, string>>;
  /** The aliases the tenant added from chat (the config's are not among them). */
  chatAliasesOf(tenantId: string): Promise<Array<{ name: string; query: string }>>;
  /** Alias names the config file defines: chat cannot change them. */
  configuredAliases: ReadonlySet<string>;
  /** Configured topics (the default tenant's) and chat-made ones. */
  topicsOf(tenantId: string): Promise<TopicInfo[]>;
  /** The source id a feed URL is kept under (a configured source with the same address keeps its id); null for no URL. */
  feedIdFor(url: string): string | null;
  /** Why a schedule or time zone cannot be used, or null when both are fine. */
  checkSchedule(schedule: string, timeZone: string | null): string | null;
  /** Most feeds one tenant may add from chat. */
  maxFeeds: number;
  /** The zone of a digest set up without `tz:`. */
  defaultTimeZone: string;
}
