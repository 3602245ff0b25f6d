import { Client, Events, GatewayIntentBits, Routes, type Interaction } from "discord.js";
import type { CommandHandler } from "../../commands/command-handler.js";
import type { Clock } from "../../domain/clock.js";
import type { Sender } from "../../outbox/sender.js";
import { BRIEF_COMMAND_NAME } from "./brief-command-definition.js";
import { checkDiscordChannel } from "./check-discord-channel.js";
import { createDiscordSender } from "./create-discord-sender.js";
import type { DiscordLog } from "./discord-log.js";
import { createDiscordRest, discordRestOptions, watchRateLimits } from "./discord-rest.js";
import { holdGatewayByLease, type GatewayLeaseOptions, type GatewaySession } from "./gateway-lease.js";
import { handleAutocomplete } from "./handle-autocomplete.js";
import { handleCommandInteraction } from "./handle-command-interaction.js";
import { createRecentIds } from "./recent-ids.js";

export interface DiscordPlatformOptions {
  /** The bot token (DISCORD_TOKEN); a secret, never logged. */
  token: string;
  /** DISCORD_APPLICATION_ID; interactions for other applications are ignored. */
  applicationId: string;
  /** REST base without the version (DISCORD_API_URL); defaults to https://discord.com/api. */
  apiUrl?: string;
  handler: CommandHandler;
  /** Discord user ids allowed channel-wide actions besides members with Manage Server. */
  admins: readonly string[];
  log: DiscordLog;
  clock: Clock;
  /** Env name → channel webhook URL, for `discord-webhook:<ENV_NAME>` targets. */
  webhooks: Record<string, string>;
  /** Commands not known to be slow are answered directly if the handler is this quick (default 1,500 ms). */
  deferAfterMs?: number;
  /** Longer rate-limit waits are left to the outbox instead of blocking (default 10 s). */
  maxRateLimitWaitMs?: number;
  /**
   * Given when several processes share one database: the gateway opens only in the process holding
   * this lease, the others stand by to take over. Without it (one process, SQLite) it always opens.
   */
  gatewayLease?: GatewayLeaseOptions;
}

/** The Discord bot: `/brief` over the gateway, and the outbox sender for `discord…` targets. */
export interface DiscordPlatform {
  /** Logs in and resolves once the gateway session is ready; with a lease held elsewhere, once standing by. */
  start(): Promise<void>;
  /** Lets interactions in hand finish, then closes the gateway. The sender keeps working. */
  stop(): Promise<void>;
  /** Why interactions cannot reach the bot now (not started, gateway reconnecting or closed), or null. */
  connectionProblem(): string | null;
  sender: Sender;
  /** Null when the bot may post to the channel for this server, else why not (see check-discord-channel.ts). */
  checkChannel(guildId: string | null, channelId: string): Promise<string | null>;
}

export function createDiscordPlatform(options: DiscordPlatformOptions): DiscordPlatform {
  const { log } = options;
  const restSettings = { apiUrl: options.apiUrl, maxRateLimitWaitMs: options.maxRateLimitWaitMs };
  // Its own REST client: Client#destroy clears the token of the client's one, and the outbox may still send.
  const rest = createDiscordRest({ ...restSettings, token: options.token, log });
  const sender = createDiscordSender({
    rest,
    hasToken: true,
    webhooks: options.webhooks,
    log,
    restSettings: { maxRateLimitWaitMs: options.maxRateLimitWaitMs },
  });
  const deps = { ...options, deferAfterMs: options.deferAfterMs ?? 1_500 };
  const inFlight = new Set<Promise<void>>();
  const recent = createRecentIds(1_000);

  const route = (interaction: Interaction): Promise<void> | null => {
    if (interaction.applicationId !== options.applicationId) {
      log.warn({ interaction_id: interaction.id }, "ignored an interaction for another application; check DISCORD_APPLICATION_ID");
      return null;
    }
    if (!recent.firstTime(interaction.id)) {
      log.info({ interaction_id: interaction.id }, "ignored a repeated interaction");
      return null;
    }
    if (interaction.isChatInputCommand() && interaction.commandName === BRIEF_COMMAND_NAME) return handleCommandInteraction(interaction, deps);
    if (interaction.isAutocomplete() && interaction.commandName === BRIEF_COMMAND_NAME) return handleAutocomplete(interaction, deps);
    return null;
  };
  let problem: string | null = "not started";
  // One client per gateway session: a process that loses the shard's lease may take it again later.
  let client: Client | null = null;
  const newClient = (): Client => {
    const session = new Client({
      intents: [GatewayIntentBits.Guilds],
      allowedMentions: { parse: [], repliedUser: false },
      rest: discordRestOptions(restSettings),
    });
    watchRateLimits(session.rest, log);
    const current = () => session === client;
    session.on(Events.InteractionCreate, (interaction) => {
      const work = current() ? route(interaction) : null;
      if (!work) return;
      inFlight.add(work);
      void work.finally(() => inFlight.delete(work));
    });
    session.on(Events.Error, (error) => log.error({ err: error }, "discord client error"));
    session.on(Events.Warn, (message) => log.warn({ detail: message }, "discord client warning"));
    session.on(Events.ShardDisconnect, (event, shard) => {
      if (!current()) return;
      problem = `gateway closed (code ${event.code})`;
      log.warn({ shard, close_code: event.code }, "discord gateway closed for good");
    });
    session.on(Events.ShardReconnecting, (shard) => {
      if (!current()) return;
      problem = "gateway reconnecting";
      log.info({ shard }, "discord gateway reconnecting");
    });
    session.on(Events.ShardResume, () => void (current() && (problem = null)));
    session.on(Events.ShardReady, () => void (current() && (problem = null)));
    return session;
  };
  const gateway: GatewaySession = {
    async connect() {
      const session = (client = newClient());
      const ready = new Promise<void>((resolve) => session.once(Events.ClientReady, () => resolve()));
      await session.login(options.token);
      await ready;
      problem = null;
      log.info({ bot_user_id: session.user?.id, guilds: session.guilds.cache.size }, "connected to Discord");
    },
    async disconnect() {
      const session = client;
      if (!session) return;
      client = null;
      await Promise.allSettled([...inFlight]);
      await session.destroy();
      log.info({}, "disconnected from Discord");
    },
  };
  const held = options.gatewayLease ? holdGatewayByLease(options.gatewayLease, gateway, log) : null;

  // The bot's user id, for its permissions in a channel: the gateway's when logged in, else asked once.
  let me: Promise<string> | null = null;
  const botId = (): Promise<string> => {
    if (client?.user) return Promise.resolve(client.user.id);
    me ??= (rest.get(Routes.user("@me")) as Promise<{ id: string }>).then((user) => user.id, (error: unknown) => {
      me = null;
      throw error;
    });
    return me;
  };

  return {
    sender,
    connectionProblem: () => problem,
    checkChannel: (guildId, channelId) => checkDiscordChannel(rest, guildId, channelId, botId),
    async start() {
      if (!held) return gateway.connect();
      await held.start();
      // Standing by is no fault: the process holding the lease answers commands.
      if (!client) problem = null;
    },
    async stop() {
      await (held ? held.stop() : gateway.disconnect());
      problem = "stopped";
    },
  };
}
