import type { RequestListener, Server } from "node:http";
import type { AddressInfo } from "node:net";
import { HTTPReceiver, webApi, type App } from "@slack/bolt";
import type { CommandHandler } from "../../commands/command-handler.js";
import type { Clock } from "../../domain/clock.js";
import { BriefingError } from "../../domain/errors.js";
import type { Sender } from "../../outbox/sender.js";
import { buildSlackApp, commandClientOptions, SLACK_HTTP_PATHS } from "./build-slack-app.js";
import { checkSlackChannel } from "./check-slack-channel.js";
import { createSlackHttpServer } from "./http/create-slack-http-server.js";
import type { SeenRequests } from "./http/seen-requests.js";
import { createChannelPacer, type ChannelPacerOptions } from "./sender/channel-pacer.js";
import { createSlackSender } from "./sender/create-slack-sender.js";
import { toBoltLogger, type SlackLog } from "./slack-log.js";

export interface SlackPlatformOptions {
  /** `xoxb-…` (SLACK_BOT_TOKEN). */
  botToken: string;
  /** HTTP mode's request signing secret (SLACK_SIGNING_SECRET); required without an app token. */
  signingSecret?: string;
  /** `xapp-…` with connections:write (SLACK_APP_TOKEN): Socket Mode, no public URL needed. */
  appToken?: string;
  /** Web API base URL (SLACK_API_URL), for GovSlack and tests; default https://slack.com/api/. */
  apiUrl?: string;
  /** HTTP mode's port (PORT); 0 picks a free one. */
  port: number;
  /** HTTP mode's interface; all interfaces when unset. */
  host?: string;
  handler: CommandHandler;
  /** Slack user ids allowed channel-wide actions besides workspace admins and owners. */
  admins: string[];
  log: SlackLog;
  clock: Clock;
  /** Default `/brief`. */
  commandName?: string;
  /** Time limit of one send; a timed-out send is retried and reconciled. Default 10 s. */
  sendTimeoutMs?: number;
  /** Per-channel spacing of posts (default one a second). */
  pacing?: Omit<ChannelPacerOptions, "clock">;
  /** HTTP mode's memory of requests taken, so Slack's retries run once; this process's memory when unset. */
  seenRequests?: SeenRequests;
}

export interface SlackPlatform {
  /** Checks the bot token (auth.test), then connects (Socket Mode) or listens (HTTP, serving `otherRoutes` beside Slack's paths). */
  start(otherRoutes?: RequestListener): Promise<{ mode: "socket" | "http"; port: number | null }>;
  stop(): Promise<void>;
  /** Why commands cannot reach the bot now (not started, socket reconnecting), or null when they can. */
  connectionProblem(): string | null;
  /** Delivers outbox messages whose target is `slack:…`; usable before `start`. */
  sender: Sender;
  /** Null when the bot may post to the channel for this workspace, else why not (see check-slack-channel.ts). */
  checkChannel(workspaceId: string | null, channelId: string): Promise<string | null>;
}

export function createSlackPlatform(options: SlackPlatformOptions): SlackPlatform {
  const { botToken, appToken, signingSecret, clock, log } = options;
  if (!appToken && !signingSecret) {
    throw new BriefingError("config", "Slack needs SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode)");
  }
  const slackApiUrl = withTrailingSlash(options.apiUrl ?? "https://slack.com/api/");
  const logger = toBoltLogger(log, [botToken, appToken ?? "", signingSecret ?? ""]);
  const sendClient = new webApi.WebClient(botToken, {
    slackApiUrl,
    logger,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: options.sendTimeoutMs ?? 10_000,
  });
  const sender = createSlackSender({ client: sendClient, clock, log, pacer: createChannelPacer({ clock, ...options.pacing }) });
  let running: { app: App; server: Server | null } | null = null;
  let socketProblem: string | null = null;
  const lookupClient = new webApi.WebClient(botToken, commandClientOptions(slackApiUrl, logger));

  return {
    sender,
    connectionProblem: () => (running ? socketProblem : "not started"),
    checkChannel: (workspaceId, channelId) => checkSlackChannel(lookupClient, workspaceId, channelId),
    async start(otherRoutes) {
      if (running) throw new BriefingError("config", "the Slack platform is already started");
      const auth = await new webApi.WebClient(botToken, commandClientOptions(slackApiUrl, logger)).auth.test();
      const { app, receiver } = buildSlackApp({
        botToken,
        botId: auth.bot_id ?? "",
        botUserId: auth.user_id ?? "",
        appToken,
        signingSecret,
        slackApiUrl,
        commandName: options.commandName ?? "/brief",
        handler: options.handler,
        admins: options.admins,
        clock,
        log,
        logger,
      });
      if (!(receiver instanceof HTTPReceiver)) {
        receiver.client.on("connected", () => void (socketProblem = null));
        receiver.client.on("reconnecting", () => void (socketProblem = "socket reconnecting"));
        receiver.client.on("disconnected", () => void (socketProblem = "socket disconnected"));
        await app.start();
        socketProblem = null;
        running = { app, server: null };
        log.info({ mode: "socket", team_id: auth.team_id }, "slack connected");
        return { mode: "socket", port: null };
      }
      const server = createSlackHttpServer({ signingSecret: signingSecret ?? "", clock, log, paths: SLACK_HTTP_PATHS, forward: receiver.requestListener, otherRoutes, ...(options.seenRequests ? { seen: options.seenRequests } : {}) });
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(options.port, options.host, () => resolve());
      });
      running = { app, server };
      const port = (server.address() as AddressInfo).port;
      log.info({ mode: "http", port, paths: SLACK_HTTP_PATHS }, "slack listening");
      return { mode: "http", port };
    },
    async stop() {
      const current = running;
      running = null;
      if (!current) return;
      if (!current.server) return void (await current.app.stop());
      const { server } = current;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function withTrailingSlash(url: string): string {
  return url.endsWith("/") ? url : `${url}/`;
}
