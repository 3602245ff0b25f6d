import { nextSlotAfter } from "../digest/index.js";
import type { Clock } from "../domain/clock.js";
import { BriefingError } from "../domain/errors.js";
import { maskUrl, maskUrlsInText } from "../domain/mask-url.js";
import type { Reply } from "../domain/reply.js";
import { DEFAULT_TENANT, type ChangeBy, type TenantStore } from "../store/tenant-store.js";
import { createAliasCommands } from "./alias-commands.js";
import type { BriefCommand, Invoker } from "./brief-command.js";
import { channelDigestTarget } from "./channel-digest-target.js";
import type { ChannelCheck, FeedProbe, QueryValidator, SearchService, TenantDirectory } from "./ports.js";

export interface TenantCommandDeps {
  directory: TenantDirectory;
  store: TenantStore;
  probeFeed: FeedProbe;
  search: SearchService;
  validateQuery: QueryValidator;
  clock: Clock;
  isAdmin: (invoker: Invoker) => boolean;
  checkChannel?: ChannelCheck | undefined;
}

type TenantCommandName = "feeds-add" | "feeds-remove" | "topics-add" | "topics-remove" | "topics-test" | "digest-here" | "digest-off" | "aliases" | "aliases-add" | "aliases-remove" | "audit";
type Handlers = { [K in TenantCommandName]: (command: Extract<BriefCommand, { name: K }>, invoker: Invoker) => Promise<Reply> };

const MAX_TOPICS = 50;
const AUDIT_LINES = 20;
const TEST_LIMIT = 8;
const ephemeral = (text: string): Reply => ({ visibility: "ephemeral", kind: "text", text });

/** `/brief feeds add|remove`, `topics add|remove|test`, `aliases add|remove`, `digest here|off` and `audit`: a tenant's settings from chat. */
export function createTenantCommands(deps: TenantCommandDeps): Handlers {
  const { directory, store } = deps;
  const requireAdmin = (invoker: Invoker, action: string, changes = true) => {
    if (!deps.isAdmin(invoker)) throw new BriefingError("command", `Only workspace admins (or the bot's configured admins) can ${action}.${changes ? " Nothing was changed." : ""}`);
  };
  const changeBy = (invoker: Invoker): ChangeBy => ({ actor: `${invoker.platform}:${invoker.userId}`, at: deps.clock.now().toISOString() });
  /** Creates the workspace's tenant on its first change; the note tells the admin it now runs its own briefing. */
  const ensureTenant = async (tenantId: string, by: ChangeBy) =>
    tenantId !== DEFAULT_TENANT && (await store.createTenant(tenantId, by)) ? "\nThis workspace now runs its own briefing: only its own feeds and topics from here on." : "";
  const configured = async (tenantId: string, kind: "sources" | "topics", id: string) =>
    tenantId === DEFAULT_TENANT &&
    (kind === "sources"
      ? (await directory.sourcesOf(tenantId)).some((s) => s.id === id) && !(await store.tenantFeeds(tenantId)).some((f) => f.feedId === id)
      : (await directory.topicsOf(tenantId)).some((t) => t.id === id) && !(await store.tenantTopics(tenantId)).some((t) => t.id === id));

  return {
    ...createAliasCommands({ directory, store, validateQuery: deps.validateQuery, requireAdmin, changeBy, ensureTenant }),
    async "feeds-add"(command, invoker) {
      requireAdmin(invoker, "add feeds");
      const tenantId = directory.tenantForChange(invoker);
      const mine = await store.tenantFeeds(tenantId);
      if (mine.length >= directory.maxFeeds) return ephemeral(`No feed added: this workspace has ${mine.length} feeds, the most it may have (${directory.maxFeeds}). Remove one with /brief feeds remove <id> first.`);
      let preview;
      try {
        preview = await deps.probeFeed(command.url);
      } catch (error) {
        if (error instanceof BriefingError) return ephemeral(`No feed added: ${maskUrl(command.url)}: ${maskUrlsInText(error.message)}`);
        throw error;
      }
      const feedId = directory.feedIdFor(preview.feedUrl);
      if (feedId === null) return ephemeral(`No feed added: ${maskUrl(preview.feedUrl)} is not an http(s) address.`);
      if (mine.some((feed) => feed.feedId === feedId) || (await configured(tenantId, "sources", feedId))) return ephemeral(`This workspace follows that feed already, as ${feedId}.`);
      const by = changeBy(invoker);
      const note = await ensureTenant(tenantId, by);
      await store.subscribeFeed({ tenantId, feedId, url: preview.feedUrl, title: preview.title }, by);
      const headlines = preview.headlines.length > 0 ? preview.headlines.map((h) => `• ${h}`) : ["(no items yet)"];
      return ephemeral([`Added ${preview.title} as ${feedId} (${maskUrl(preview.feedUrl)}). Newest headlines:`, ...headlines].join("\n") + note);
    },
    async "feeds-remove"(command, invoker) {
      requireAdmin(invoker, "remove feeds");
      const tenantId = directory.tenantForChange(invoker);
      if (await configured(tenantId, "sources", command.feedId)) return ephemeral(`${command.feedId} is set in the bot's config file; its operator removes it there.`);
      const removed = await store.unsubscribeFeed(tenantId, command.feedId, changeBy(invoker));
      return ephemeral(removed ? `Feed ${command.feedId} removed: its stories stop reaching this workspace.` : `This workspace has no feed ${command.feedId}; /brief feeds lists them.`);
    },
    async "topics-add"(command, invoker) {
      requireAdmin(invoker, "add topics");
      const tenantId = directory.tenantForChange(invoker);
      deps.validateQuery(command.query, await directory.aliasesOf(tenantId));
      const topics = await directory.topicsOf(tenantId);
      if (topics.some((topic) => topic.id === command.topicId)) return ephemeral(`This workspace has a topic ${command.topicId} already; remove it first or pick another id.`);
      if ((await store.tenantTopics(tenantId)).length >= MAX_TOPICS) return ephemeral(`No topic added: this workspace has ${MAX_TOPICS} topics, the most it may have.`);
      const by = changeBy(invoker);
      const note = await ensureTenant(tenantId, by);
      await store.addTopic({ tenantId, id: command.topicId, query: command.query, name: command.displayName }, by);
      const shown = command.displayName ? ` ("${command.displayName}" in digests)` : "";
      return ephemeral(`Topic ${command.topicId}${shown} added: new stories matching ${command.query} go into this workspace's digests. /brief topics test ${command.query} shows what it would have caught.${note}`);
    },
    async "topics-remove"(command, invoker) {
      requireAdmin(invoker, "remove topics");
      const tenantId = directory.tenantForChange(invoker);
      if (await configured(tenantId, "topics", command.topicId)) return ephemeral(`${command.topicId} is set in the bot's config file; its operator removes it there.`);
      const removed = await store.removeTopic(tenantId, command.topicId, changeBy(invoker));
      return ephemeral(removed ? `Topic ${command.topicId} removed.` : `This workspace has no topic ${command.topicId}; /brief topics lists them.`);
    },
    async "topics-test"(command, invoker) {
      const tenantId = await directory.tenantOf(invoker);
      const aliases = await directory.aliasesOf(tenantId);
      deps.validateQuery(command.query, aliases);
      const digest = await deps.search.search({
        aliases,
        text: `${command.query} since:7d`,
        limit: TEST_LIMIT,
        sourceIds: await directory.searchableSources(tenantId),
        topicPrefix: directory.topicPrefix(tenantId),
      });
      if (digest.storyCount === 0) return ephemeral(`In the last 7 days, nothing in this workspace's feeds matches ${command.query}.`);
      return { visibility: "ephemeral", kind: "stories", digest };
    },
    async "digest-here"(command, invoker) {
      requireAdmin(invoker, "set up a channel's digest");
      if (invoker.platform === "console") return ephemeral("Digests from chat are set up in a Slack or Discord channel.");
      const refusedSchedule = directory.checkSchedule(command.schedule, command.timeZone);
      if (refusedSchedule) return ephemeral(`No digest set: ${refusedSchedule}`);
      const tenantId = directory.tenantForChange(invoker);
      const known = new Set((await directory.topicsOf(tenantId)).map((topic) => topic.id));
      const unknown = command.topics.filter((topic) => !known.has(topic));
      if (unknown.length > 0) return ephemeral(`No digest set: this workspace has no topic ${unknown.join(", ")}; /brief topics lists them.`);
      const refusedChannel = await deps.checkChannel?.(invoker, invoker.channelId);
      if (refusedChannel) return ephemeral(`No digest set: ${refusedChannel}`);
      const by = changeBy(invoker);
      const note = await ensureTenant(tenantId, by);
      const target = channelDigestTarget(invoker);
      await store.setChannelDigest({ tenantId, target, schedule: command.schedule, topics: command.topics, timeZone: command.timeZone }, by);
      const timeZone = command.timeZone ?? directory.defaultTimeZone;
      const next = nextSlotAfter({ cron: command.schedule, timeZone }, deps.clock.now());
      const which = command.topics.length > 0 ? `topics ${command.topics.join(", ")}` : "every topic of this workspace";
      return ephemeral(`This channel gets a digest on "${command.schedule}" (${timeZone}) with ${which}; the first one comes at once, the next at ${next?.toISOString() ?? "no date"}. /brief digest off stops it.${note}`);
    },
    async "digest-off"(_command, invoker) {
      requireAdmin(invoker, "stop a channel's digest");
      const removed = await store.removeChannelDigest(directory.tenantForChange(invoker), channelDigestTarget(invoker), changeBy(invoker));
      return ephemeral(removed ? "This channel's digest is stopped." : "This channel has no digest set up from chat.");
    },
    async audit(_command, invoker) {
      requireAdmin(invoker, "read the audit log", false);
      const entries = await store.auditLog(directory.tenantForChange(invoker), AUDIT_LINES);
      if (entries.length === 0) return ephemeral("No feed, topic or digest has been changed from chat in this workspace.");
      const lines = entries.map((e) => `${e.at.slice(0, 16).replace("T", " ")} ${e.actor} ${e.action} ${maskUrlsInText(e.subject)}`);
      return ephemeral([`Latest changes (newest first):`, ...lines].join("\n"));
    },
  };
}
