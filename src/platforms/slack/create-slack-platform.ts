import type { RequestListener, Server } from "node:http";
import type { AddressInfo } from "node:net";
import { HTTPReceiver, webApi, type App } from "@slack/bolt";
import type { CommandHandler } from "../../commands/command-handler.js";
import type { Clock } from "../../domain/clock.js";
import { BriefingError } from "../../domain/errors.js";
import type { Sender } from "../../outbox/sender.js";
import { buildSlackApp, commandClientOptions, SLACK_HTTP_PATHS, SLACK_INSTALL_PATHS } from "./build-slack-app.js";
import { checkSlackChannel } from "./check-slack-channel.js";
import type { SlackHomeSource } from "./home/home-model.js";
import { createSlackHttpServer } from "./http/create-slack-http-server.js";
import { createSlackInstallationStore, type DefaultWorkspace } from "./oauth/slack-installation-store.js";
import type { SlackOAuthOptions } from "./oauth/slack-installer-options.js";
import type { SeenRequests } from "./http/seen-requests.js";
import { createChannelPacer, type ChannelPacerOptions } from "./sender/channel-pacer.js";
import { createSlackSender } from "./sender/create-slack-sender.js";
import { createWorkspaceSender } from "./sender/workspace-sender.js";
import { toBoltLogger, type SlackLog } from "./slack-log.js";

export interface SlackPlatformOptions {
  /** `xoxb-…` (SLACK_BOT_TOKEN): the single workspace; optional when `oauth` installs workspaces. */
  botToken?: string;
  /** Multi-workspace install through OAuth; HTTP mode only. */
  oauth?: SlackOAuthOptions;
  /** Serves each member's App Home tab. */
  home?: SlackHomeSource;
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
  /** Delivers outbox messages whose target is `slack:…` (or `slack:<team id>/…`); usable before `start`. */
  sender: Sender;
  /** Null when the bot may post to the channel for this workspace, else why not (see check-slack-channel.ts). */
  checkChannel(workspaceId: string | null, channelId: string): Promise<string | null>;
}

export function createSlackPlatform(options: SlackPlatformOptions): SlackPlatform {
  const { botToken, appToken, signingSecret, clock, log, oauth } = options;
  if (!appToken && !signingSecret) {
    throw new BriefingError("config", "Slack needs SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode)");
  }
  if (!botToken && !oauth) throw new BriefingError("config", "Slack needs SLACK_BOT_TOKEN, or SLACK_CLIENT_ID and SLACK_CLIENT_SECRET for installs");
  if (oauth && appToken) {
    throw new BriefingError("config", "installing in many Slack workspaces (SLACK_CLIENT_ID) needs HTTP mode: unset SLACK_APP_TOKEN and set SLACK_SIGNING_SECRET");
  }
  const slackApiUrl = withTrailingSlash(options.apiUrl ?? "https://slack.com/api/");
  const logger = toBoltLogger(log, [botToken ?? "", appToken ?? "", signingSecret ?? "", oauth?.clientSecret ?? "", oauth?.stateSecret ?? ""]);
  const sendClientOptions: webApi.WebClientOptions = {
    slackApiUrl,
    logger,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: options.sendTimeoutMs ?? 10_000,
  };
  const pacer = createChannelPacer({ clock, ...options.pacing });
  const lookupClient = botToken ? new webApi.WebClient(botToken, commandClientOptions(slackApiUrl, logger)) : null;
  let single: DefaultWorkspace | null = null;
  let singleTeam: Promise<string | null> | null = null;
  const singleTeamId = () => (singleTeam ??= lookupClient ? lookupClient.auth.test().then((auth) => auth.team_id ?? null, () => null) : Promise.resolve(null));
  const installations = oauth ? createSlackInstallationStore(oauth.installations, clock, () => single) : null;

  // One sender per installed workspace and token (a reinstall brings a new token), made when first needed.
  const teamSenders = new Map<string, { token: string; sender: Sender; lookup: webApi.WebClient }>();
  async function workspaceOf(teamId: string) {
    if (!installations) return null;
    const token = await installations.fetchInstallation({ teamId, enterpriseId: undefined, isEnterpriseInstall: false }).then((found) => found.bot?.token ?? null, () => null);
    if (!token) return null;
    const known = teamSenders.get(teamId);
    if (known?.token === token) return known;
    const sender = createSlackSender({ client: new webApi.WebClient(token, sendClientOptions), clock, log, pacer });
    const made = { token, sender, lookup: new webApi.WebClient(token, commandClientOptions(slackApiUrl, logger)) };
    teamSenders.set(teamId, made);
    return made;
  }

  const sender = createWorkspaceSender({
    single: botToken ? { teamId: singleTeamId, sender: createSlackSender({ client: new webApi.WebClient(botToken, sendClientOptions), clock, log, pacer }) } : null,
    senderOfTeam: async (teamId) => (teamId === (await singleTeamId()) ? null : ((await workspaceOf(teamId))?.sender ?? null)),
  });
  let running: { app: App; server: Server | null } | null = null;
  let socketProblem: string | null = null;

  return {
    sender,
    connectionProblem: () => (running ? socketProblem : "not started"),
    async checkChannel(workspaceId, channelId) {
      const client = workspaceId && workspaceId !== (await singleTeamId()) ? ((await workspaceOf(workspaceId))?.lookup ?? lookupClient) : lookupClient;
      return client ? checkSlackChannel(client, workspaceId, channelId) : "briefing-bot is not installed in this workspace.";
    },
    async start(otherRoutes) {
      if (running) throw new BriefingError("config", "the Slack platform is already started");
      if (lookupClient) {
        const auth = await lookupClient.auth.test();
        single = { teamId: auth.team_id ?? "", botToken: botToken ?? "", botId: auth.bot_id ?? "", botUserId: auth.user_id ?? "" };
        singleTeam = Promise.resolve(auth.team_id ?? null);
      }
      const { app, receiver } = buildSlackApp({
        single,
        oauth: oauth && installations ? { ...oauth, installationStore: installations, onWorkspaceRemoved: (teamId) => void teamSenders.delete(teamId) } : null,
        appToken,
        signingSecret,
        slackApiUrl,
        commandName: options.commandName ?? "/brief",
        handler: options.handler,
        home: options.home ?? null,
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
        log.info({ mode: "socket", team_id: single?.teamId }, "slack connected");
        return { mode: "socket", port: null };
      }
      const server = createSlackHttpServer({
        signingSecret: signingSecret ?? "",
        clock,
        log,
        paths: SLACK_HTTP_PATHS,
        browserPaths: oauth ? SLACK_INSTALL_PATHS : [],
        forward: receiver.requestListener,
        otherRoutes,
        ...(options.seenRequests ? { seen: options.seenRequests } : {}),
      });
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(options.port, options.host, () => resolve());
      });
      running = { app, server };
      const port = (server.address() as AddressInfo).port;
      log.info({ mode: "http", port, paths: SLACK_HTTP_PATHS, install: Boolean(oauth) }, "slack listening");
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
