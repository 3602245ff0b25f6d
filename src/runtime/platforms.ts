import type { RequestListener } from "node:http";
import type { ChannelCheck, CommandHandler } from "../commands/index.js";
import type { Env } from "../config/env.js";
import type { BriefingConfig } from "../config/config-schema.js";
import type { Clock } from "../domain/clock.js";
import type { Sender, SenderForTarget } from "../outbox/index.js";
import { createConsoleSender } from "../platforms/console/console-sender.js";
import { createDiscordPlatform, createDiscordRest, createDiscordSender, type DiscordPlatform } from "../platforms/discord/index.js";
import { BriefingError } from "../domain/errors.js";
import { createSlackPlatform, type SeenRequests, type SlackHomeSource, type SlackPlatform } from "../platforms/slack/index.js";
import { hostname } from "node:os";
import type { InstallationStore, SharedLeases } from "../store/index.js";
import type { Logger } from "./logger.js";

/** What is listening: Slack's mode and HTTP port (null in Socket Mode), and whether Discord is connected. */
export interface StartedPlatforms {
  slack: { mode: "socket" | "http"; port: number | null } | null;
  discord: boolean;
}

export interface PlatformsOptions {
  env: Env;
  /** The raw environment, for the webhook URLs that `discord-webhook:<ENV_NAME>` targets name. */
  rawEnv: NodeJS.ProcessEnv;
  config: BriefingConfig;
  handler: CommandHandler;
  log: Logger;
  clock: Clock;
  stdout: { write(text: string): unknown };
  /** Where OAuth installs are kept (sealed); required when SLACK_CLIENT_ID is set. */
  installations?: InstallationStore | null;
  /** Leases shared by the processes on one PostgreSQL database: then only the holder opens the Discord gateway. */
  gatewayLease?: SharedLeases | null;
  /** Serves the Slack App Home tab. */
  slackHome?: SlackHomeSource;
  /** Slack HTTP mode's memory of requests taken (the store's, shared by every process). */
  seenRequests?: SeenRequests;
}

/** The platforms this deployment has credentials for; the console is always there. */
export interface Platforms {
  senderFor: SenderForTarget;
  /** Checks a channel an admin named in a command against the invoker's platform (see ChannelCheck). */
  checkChannel: ChannelCheck;
  /**
   * Starts the command listeners (Slack receiver, Discord gateway). Only `briefing run` needs them.
   * `otherRoutes` are served on the Slack receiver's port when Slack runs in HTTP mode.
   */
  start(otherRoutes?: RequestListener): Promise<StartedPlatforms>;
  /** Each chat platform with credentials: null when commands reach the bot, else why not. */
  connectionProblems(): Array<{ platform: string; problem: string | null }>;
  stop(): Promise<void>;
}

export function createPlatforms(options: PlatformsOptions): Platforms {
  const { env, config, handler, clock } = options;
  const consoleSender = createConsoleSender(options.stdout);
  const webhooks = webhookUrls(config, options.rawEnv, options.log);

  const slack: SlackPlatform | null =
    env.SLACK_BOT_TOKEN || env.SLACK_CLIENT_ID
    ? createSlackPlatform({
        botToken: env.SLACK_BOT_TOKEN,
        oauth: slackOAuth(env, options.installations ?? null),
        home: options.slackHome,
        signingSecret: env.SLACK_SIGNING_SECRET,
        appToken: env.SLACK_APP_TOKEN,
        apiUrl: env.SLACK_API_URL,
        port: env.PORT,
        handler,
        admins: config.admins.slack,
        log: options.log.child({ platform: "slack" }),
        clock,
        ...(options.seenRequests ? { seenRequests: options.seenRequests } : {}),
      })
    : null;

  const discordLog = options.log.child({ platform: "discord" });
  const discord: DiscordPlatform | null =
    env.DISCORD_TOKEN && env.DISCORD_APPLICATION_ID
      ? createDiscordPlatform({
          token: env.DISCORD_TOKEN,
          applicationId: env.DISCORD_APPLICATION_ID,
          apiUrl: env.DISCORD_API_URL,
          handler,
          admins: config.admins.discord,
          log: discordLog,
          clock,
          webhooks,
          ...(options.gatewayLease ? { gatewayLease: { lease: options.gatewayLease, holder: `${hostname()}/${process.pid}` } } : {}),
        })
      : null;
  // Digest-only Discord: channel webhooks work without a bot token.
  const webhookOnly: Sender | null =
    discord === null && Object.keys(webhooks).length > 0
      ? createDiscordSender({ rest: createDiscordRest({ apiUrl: env.DISCORD_API_URL, log: discordLog }), hasToken: false, webhooks, log: discordLog })
      : null;

  return {
    async checkChannel(invoker, channelId) {
      if (invoker.platform === "slack" && slack) return slack.checkChannel(invoker.workspaceId, channelId);
      if (invoker.platform === "discord" && discord) return discord.checkChannel(invoker.workspaceId, channelId);
      return "this bot cannot post to channels on that platform.";
    },
    senderFor(target) {
      if (target === "console") return consoleSender;
      if (target.startsWith("slack:")) return slack?.sender ?? null;
      if (target.startsWith("discord")) return discord?.sender ?? (target.startsWith("discord-webhook:") ? webhookOnly : null);
      return null;
    },
    async start(otherRoutes) {
      const started: StartedPlatforms = { slack: slack ? await slack.start(otherRoutes) : null, discord: false };
      if (discord) {
        await discord.start();
        started.discord = true;
      }
      return started;
    },
    connectionProblems() {
      return [
        ...(slack ? [{ platform: "slack", problem: slack.connectionProblem() }] : []),
        ...(discord ? [{ platform: "discord", problem: discord.connectionProblem() }] : []),
      ];
    },
    async stop() {
      await Promise.all([slack?.stop(), discord?.stop()]);
    },
  };
}

function slackOAuth(env: Env, installations: InstallationStore | null) {
  if (!env.SLACK_CLIENT_ID && !env.SLACK_CLIENT_SECRET) return undefined;
  if (!env.SLACK_CLIENT_ID || !env.SLACK_CLIENT_SECRET) throw new BriefingError("config", "installing in many Slack workspaces needs both SLACK_CLIENT_ID and SLACK_CLIENT_SECRET");
  if (!installations) {
    throw new BriefingError("config", "installing in many Slack workspaces (SLACK_CLIENT_ID) needs BRIEFING_SECRET_KEY, which seals each workspace's token in the database (openssl rand -base64 32)");
  }
  return { clientId: env.SLACK_CLIENT_ID, clientSecret: env.SLACK_CLIENT_SECRET, stateSecret: env.SLACK_STATE_SECRET, installations };
}

function webhookUrls(config: BriefingConfig, rawEnv: NodeJS.ProcessEnv, log: Logger): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const digest of config.digests) {
    if (digest.to.platform !== "discord-webhook") continue;
    const url = rawEnv[digest.to.envName];
    if (url) urls[digest.to.envName] = url;
    else log.warn({ env_name: digest.to.envName }, "a digest posts to a Discord webhook whose environment variable is not set");
  }
  return urls;
}
