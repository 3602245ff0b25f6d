import type { WatchOwner, WatchStore } from "../alerts/index.js";
import type { Clock } from "../domain/clock.js";
import { BriefingError } from "../domain/errors.js";
import type { Reply } from "../domain/reply.js";
import type { BriefCommand, Invoker } from "./brief-command.js";
import type { CommandHandler } from "./command-handler.js";
import { helpText } from "./help-text.js";
import type { ChannelCheck, DigestService, FeedProbe, QueryValidator, SearchService, SourceInfo, TenantDirectory, TopicInfo } from "./ports.js";
import type { TenantStore } from "../store/tenant-store.js";
import { createTenantCommands } from "./tenant-commands.js";
import { DISCORD_LIMITS, escapeDiscord, escapeSlack, SLACK_LIMITS } from "../render/index.js";
import { feedsReply, type ReplyRoom } from "./feeds-reply.js";

export interface CommandHandlerDeps {
  search: SearchService;
  digests: DigestService;
  watches: WatchStore;
  validateQuery: QueryValidator;
  topics: TopicInfo[];
  sources: () => Promise<SourceInfo[]>;
  /** User ids allowed channel-wide actions besides the platform's own admins, per platform. */
  admins: Partial<Record<Invoker["platform"], string[]>>;
  clock: Clock;
  /** Checks a channel an admin names (`in #channel`) before anything is saved for it; the platforms provide it. */
  checkChannel?: ChannelCheck;
  maxWatchesPerUser?: number;
  /** Tenants managed from chat; without it every workspace sees the configured topics and sources only. */
  tenants?: { directory: TenantDirectory; store: TenantStore; probeFeed: FeedProbe };
}

const SEARCH_LIMIT = 8;

/** One reply's text room per platform, measured as each platform's renderer will escape it. */
const REPLY_ROOM: Record<Invoker["platform"], ReplyRoom> = {
  slack: { chars: SLACK_LIMITS.sectionText, measure: (line) => escapeSlack(line).length },
  discord: { chars: DISCORD_LIMITS.content, measure: (line) => escapeDiscord(line).length },
  console: { chars: Number.POSITIVE_INFINITY, measure: (line) => line.length },
};

export function createCommandHandler(deps: CommandHandlerDeps): CommandHandler {
  const maxWatches = deps.maxWatchesPerUser ?? 25;
  const ephemeral = (text: string): Reply => ({ visibility: "ephemeral", kind: "text", text });
  const isAdmin = (invoker: Invoker) => invoker.isPlatformAdmin || (deps.admins[invoker.platform] ?? []).includes(invoker.userId);
  const ownerOf = (invoker: Invoker): WatchOwner => ({ platform: invoker.platform, workspaceId: invoker.workspaceId, userId: invoker.userId });
  const requireAdmin = (invoker: Invoker, action: string) => {
    if (!isAdmin(invoker)) throw new BriefingError("command", `Only workspace admins (or the bot's configured admins) can ${action}.`);
  };

  const tenants = deps.tenants;
  const tenantCommands = tenants
    ? createTenantCommands({ ...tenants, search: deps.search, validateQuery: deps.validateQuery, clock: deps.clock, isAdmin, checkChannel: deps.checkChannel })
    : null;
  const notHere = async (): Promise<Reply> => ephemeral("This bot's feeds, topics and digests are set in its config file by its operator.");
  const tenantOf = (invoker: Invoker) => tenants?.directory.tenantOf(invoker);

  const handlers: { [K in BriefCommand["name"]]: (command: Extract<BriefCommand, { name: K }>, invoker: Invoker) => Promise<Reply> } = {
    async search(command, invoker) {
      const tenantId = await tenantOf(invoker);
      const scope =
        tenantId === undefined
          ? {}
          : { sourceIds: await tenants!.directory.searchableSources(tenantId), topicPrefix: tenants!.directory.topicPrefix(tenantId), aliases: await tenants!.directory.aliasesOf(tenantId) };
      const digest = await deps.search.search({ text: command.query, limit: SEARCH_LIMIT, ...scope });
      if (digest.storyCount === 0) return ephemeral(`No stories match ${command.query}.`);
      return { visibility: "ephemeral", kind: "stories", digest };
    },
    async watch(command, invoker) {
      const tenantId = await tenantOf(invoker);
      deps.validateQuery(command.query, tenantId === undefined ? undefined : await tenants!.directory.aliasesOf(tenantId));
      const owner = ownerOf(invoker);
      if ((await deps.watches.watchesOf(owner)).length >= maxWatches) {
        return ephemeral(`You have ${maxWatches} watches already; remove one with /brief unwatch <id> first.`);
      }
      if (command.channel !== null) {
        requireAdmin(invoker, "send watch alerts to a channel");
        const refused = await deps.checkChannel?.(invoker, command.channel);
        if (refused) return ephemeral(`No watch created: ${refused}`);
      }
      const target = watchTarget(invoker, command.channel);
      const watch = await deps.watches.addWatch({ owner, query: command.query, target, createdAt: deps.clock.now().toISOString() });
      const where = command.channel === null ? "by direct message" : "to that channel";
      return ephemeral(`Watch ${watch.id} created: new stories matching ${command.query} will be sent ${where}, once per story. Stop it with /brief unwatch ${watch.id}.`);
    },
    async unwatch(command, invoker) {
      const removed = await deps.watches.removeWatch(command.watchId, ownerOf(invoker));
      return ephemeral(removed ? `Watch ${command.watchId} removed.` : `You have no watch ${command.watchId}; /brief watches lists yours.`);
    },
    async watches(_command, invoker) {
      const list = await deps.watches.watchesOf(ownerOf(invoker));
      if (list.length === 0) return ephemeral("You have no watches. Create one with /brief watch <query>.");
      return ephemeral(["Your watches:", ...list.map((w) => `${w.id}: ${w.query}`)].join("\n"));
    },
    async digest(command, invoker) {
      if (!command.now) return { visibility: "ephemeral", kind: "stories", digest: await deps.digests.preview(invoker) };
      requireAdmin(invoker, "post a digest to the channel");
      const parts = await deps.digests.postNow(invoker);
      return ephemeral(parts === 0 ? "Nothing new to post since the last digest." : "The digest is on its way to this channel.");
    },
    async topics(_command, invoker) {
      const tenantId = await tenantOf(invoker);
      const topics = tenantId === undefined ? deps.topics : await tenants!.directory.topicsOf(tenantId);
      if (topics.length === 0) return ephemeral("No topics yet. An admin adds one with /brief topics add <id> <query>.");
      return ephemeral(["Topics this bot follows:", ...topics.map((t) => `${t.name} (${t.id}): ${t.query}`)].join("\n"));
    },
    async feeds(_command, invoker) {
      const tenantId = await tenantOf(invoker);
      const sources = tenantId === undefined ? await deps.sources() : await tenants!.directory.sourcesOf(tenantId);
      if (sources.length === 0) return ephemeral("No feeds yet. An admin adds one with /brief feeds add <url>.");
      return ephemeral(feedsReply(sources, deps.clock.now(), REPLY_ROOM[invoker.platform]));
    },
    async help(_command, invoker) {
      return ephemeral(helpText(invoker.platform));
    },
    "feeds-add": (command, invoker) => tenantCommands?.["feeds-add"](command, invoker) ?? notHere(),
    "feeds-remove": (command, invoker) => tenantCommands?.["feeds-remove"](command, invoker) ?? notHere(),
    "topics-add": (command, invoker) => tenantCommands?.["topics-add"](command, invoker) ?? notHere(),
    "topics-remove": (command, invoker) => tenantCommands?.["topics-remove"](command, invoker) ?? notHere(),
    "topics-test": (command, invoker) => tenantCommands?.["topics-test"](command, invoker) ?? notHere(),
    "digest-here": (command, invoker) => tenantCommands?.["digest-here"](command, invoker) ?? notHere(),
    "digest-off": (command, invoker) => tenantCommands?.["digest-off"](command, invoker) ?? notHere(),
    aliases: (command, invoker) => tenantCommands?.aliases(command, invoker) ?? notHere(),
    "aliases-add": (command, invoker) => tenantCommands?.["aliases-add"](command, invoker) ?? notHere(),
    "aliases-remove": (command, invoker) => tenantCommands?.["aliases-remove"](command, invoker) ?? notHere(),
    audit: (command, invoker) => tenantCommands?.audit(command, invoker) ?? notHere(),
  };

  return {
    async handle(command, invoker) {
      try {
        const handler = handlers[command.name] as (c: BriefCommand, i: Invoker) => Promise<Reply>;
        return await handler(command, invoker);
      } catch (error) {
        if (error instanceof BriefingError && (error.code === "command" || error.code === "query" || error.code === "usage")) {
          // A query error's message is its problem, then the query and a caret: the last two stay aligned.
          const [head = error.message, ...rest] = error.message.split("\n");
          return rest.length > 0 ? { visibility: "ephemeral", kind: "text", text: head, code: rest.join("\n") } : ephemeral(error.message);
        }
        throw error;
      }
    },
    watchesOf: async (invoker) =>
      (await deps.watches.watchesOf(ownerOf(invoker))).map((w) => ({ id: w.id, query: w.query, target: w.target })),
  };
}

function watchTarget(invoker: Invoker, channel: string | null): string {
  switch (invoker.platform) {
    case "slack":
      return channel === null ? `slack:${invoker.targetScope ?? ""}@${invoker.userId}` : `slack:${invoker.targetScope ?? ""}${channel}`;
    case "discord":
      return channel === null ? `discord-user:${invoker.userId}` : `discord:${channel}`;
    case "console":
      return "console";
  }
}
