import { App, HTTPReceiver, SocketModeReceiver, webApi, type Logger } from "@slack/bolt";
import type { CommandHandler } from "../../commands/command-handler.js";
import type { Clock } from "../../domain/clock.js";
import { createBriefListener } from "./brief-listener.js";
import { createSlackAdminCheck } from "./slack-admin-check.js";
import type { SlackLog } from "./slack-log.js";

/** The paths Slack may post to in HTTP mode: the same app answers on both. */
export const SLACK_HTTP_PATHS = ["/slack/events", "/slack/commands"] as const;

export interface SlackAppParts {
  botToken: string;
  botId: string;
  botUserId: string;
  /** Socket Mode when set; HTTP otherwise. */
  appToken: string | undefined;
  /** Only used by Bolt's HTTPReceiver for its type; our front verifies (see create-slack-http-server.ts). */
  signingSecret: string | undefined;
  slackApiUrl: string;
  commandName: string;
  handler: CommandHandler;
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
 * Builds the Bolt app with its receiver and the `/brief` listener. The bot's ids come from an auth.test
 * made before, so Bolt does not call it again on the first command (inside Slack's 3-second window).
 */
export function buildSlackApp(parts: SlackAppParts): { app: App; receiver: HTTPReceiver | SocketModeReceiver } {
  const { logger, slackApiUrl } = parts;
  const receiver = parts.appToken
    ? new SocketModeReceiver({ appToken: parts.appToken, logger, installerOptions: { clientOptions: { slackApiUrl } } })
    : new HTTPReceiver({
        // Verification is done, stricter, by our front before Bolt sees the request; Bolt's would use the wall clock.
        signingSecret: parts.signingSecret ?? "",
        signatureVerification: false,
        endpoints: [...SLACK_HTTP_PATHS],
        logger,
      });
  const app = new App({
    token: parts.botToken,
    botId: parts.botId,
    botUserId: parts.botUserId,
    receiver,
    logger,
    clientOptions: commandClientOptions(slackApiUrl, logger),
  });
  const isAdmin = createSlackAdminCheck({ client: app.client, admins: parts.admins, clock: parts.clock, log: parts.log });
  app.command(parts.commandName, createBriefListener({ handler: parts.handler, isAdmin, log: parts.log }));
  app.error(async (error) => {
    parts.log.error({ err_name: error.name, err_message: error.message }, "slack listener failed");
  });
  return { app, receiver };
}
