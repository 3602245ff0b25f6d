import { App, HTTPReceiver, SocketModeReceiver, webApi, type InstallationStore as BoltInstallationStore, type Logger } from "@slack/bolt";
import type { CommandHandler } from "../../commands/command-handler.js";
import type { Clock } from "../../domain/clock.js";
import { createBriefListener } from "./brief-listener.js";
import { SLACK_SCOPES } from "./check-slack-setup.js";
import type { SlackHomeSource } from "./home/home-model.js";
import { registerHomeListeners } from "./home/home-listeners.js";
import { slackInstallerOptions, type SlackOAuthOptions } from "./oauth/slack-installer-options.js";
import { registerUninstallListeners } from "./oauth/uninstall-listeners.js";
import { createSlackAdminCheck, type SlackAdminCheck } from "./slack-admin-check.js";
import type { SlackLog } from "./slack-log.js";

/** The paths Slack may post to in HTTP mode: the same app answers on both. */
export const SLACK_HTTP_PATHS = ["/slack/events", "/slack/commands"] as const;
/** The browser-facing OAuth paths (GET, no Slack signature), served when multi-workspace install is on. */
export const SLACK_INSTALL_PATHS = ["/slack/install", "/slack/oauth_redirect"] as const;

export interface SlackAppParts {
  /** The SLACK_BOT_TOKEN workspace; null when every workspace comes from OAuth installs. */
  single: { teamId: string; botToken: string; botId: string; botUserId: string } | null;
  /** Multi-workspace install; its installation store also answers for the single workspace. */
  oauth: (SlackOAuthOptions & { installationStore: BoltInstallationStore; onWorkspaceRemoved(teamId: string): void }) | null;
  /** Socket Mode when set; HTTP otherwise. */
  appToken: string | undefined;
  /** Only used by Bolt's HTTPReceiver for its type; our front verifies (see create-slack-http-server.ts). */
  signingSecret: string | undefined;
  slackApiUrl: string;
  commandName: string;
  handler: CommandHandler;
  /** Serves the App Home tab when set. */
  home: SlackHomeSource | null;
  admins: readonly string[];
  clock: Clock;
  log: SlackLog;
  logger: Logger;
}

/** Options for the client that serves commands (users.info): a few quick retries, never a half-hour. */
export function commandClientOptions(slackApiUrl: string, logger: Logger): webApi.WebClientOptions {
  return { slackApiUrl, logger, retryConfig: { retries: 1 }, timeout: 10_000 };
}

/**
 * Builds the Bolt app with its receiver and listeners. With a single token, the bot's ids come from an
 * auth.test made before, so Bolt does not call it again on the first command (inside Slack's 3-second
 * window). With OAuth, Bolt authorises each request from the installation store by its team.
 */
export function buildSlackApp(parts: SlackAppParts): { app: App; receiver: HTTPReceiver | SocketModeReceiver } {
  const { logger, slackApiUrl, oauth } = parts;
  const receiver = parts.appToken
    ? new SocketModeReceiver({ appToken: parts.appToken, logger, installerOptions: { clientOptions: { slackApiUrl } } })
    : new HTTPReceiver({
        // Verification is done, stricter, by our front before Bolt sees the request; Bolt's would use the wall clock.
        signingSecret: parts.signingSecret ?? "",
        signatureVerification: false,
        endpoints: [...SLACK_HTTP_PATHS],
        logger,
        ...(oauth
          ? {
              clientId: oauth.clientId,
              clientSecret: oauth.clientSecret,
              installationStore: oauth.installationStore,
              scopes: [...SLACK_SCOPES],
              installerOptions: slackInstallerOptions(oauth, slackApiUrl, parts.log),
            }
          : {}),
      });
  const clientOptions = commandClientOptions(slackApiUrl, logger);
  const app = new App({
    ...(oauth ? {} : { token: parts.single?.botToken, botId: parts.single?.botId, botUserId: parts.single?.botUserId }),
    receiver,
    logger,
    clientOptions,
  });
  // One admin check (with its cache) per workspace, asking users.info with that workspace's token.
  const adminChecks = new Map<string, SlackAdminCheck>();
  const adminCheckFor = (teamId: string, client: webApi.WebClient): SlackAdminCheck => {
    let check = adminChecks.get(teamId);
    if (!check) adminChecks.set(teamId, (check = createSlackAdminCheck({ client, admins: parts.admins, clock: parts.clock, log: parts.log })));
    return check;
  };
  // Targets made for an installed workspace name it, so the sender posts with its token (see workspace-sender.ts).
  const targetScopeOf = (workspaceId: string | null) => (oauth && workspaceId && workspaceId !== parts.single?.teamId ? `${workspaceId}/` : undefined);
  app.command(parts.commandName, createBriefListener({ handler: parts.handler, adminCheckFor, log: parts.log, targetScopeOf }));
  if (parts.home) registerHomeListeners(app, { handler: parts.handler, home: parts.home, defaultTeamId: parts.single?.teamId ?? null, log: parts.log });
  if (oauth) {
    registerUninstallListeners(app, {
      installationStore: oauth.installationStore,
      log: parts.log,
      onRemoved(teamId) {
        adminChecks.delete(teamId);
        oauth.onWorkspaceRemoved(teamId);
      },
    });
  }
  app.error(async (error) => {
    parts.log.error({ err_name: error.name, err_message: error.message }, "slack listener failed");
  });
  return { app, receiver };
}
