import type { RespondArguments, SlackCommandMiddlewareArgs, webApi } from "@slack/bolt";
import type { CommandHandler } from "../../commands/command-handler.js";
import { renderReply } from "../../render/index.js";
import { answerSlashCommand, type AnswerDeps } from "./answer-slash-command.js";
import type { SlackAdminCheck } from "./slack-admin-check.js";
import type { SlackLog } from "./slack-log.js";
import { toSlackMessage } from "./to-slack-message.js";

/** Slack accepts five messages on one response_url (within 30 minutes). */
const MAX_RESPONSES = 5;

export interface BriefListenerDeps {
  handler: CommandHandler;
  /** The admin check of the command's workspace, asking Slack with the client Bolt authorised for it. */
  adminCheckFor(teamId: string, client: webApi.WebClient): SlackAdminCheck;
  log: SlackLog;
  targetScopeOf: AnswerDeps["targetScopeOf"];
}

type ListenerArgs = Pick<SlackCommandMiddlewareArgs, "command" | "ack" | "respond"> & { client: webApi.WebClient };

/**
 * The `/brief` listener. It acknowledges first, with an empty body, so Slack's three-second window is
 * met however slow the work is; the answer then goes to the command's response_url, ephemeral unless
 * the handler's reply is meant for the channel.
 */
export function createBriefListener(deps: BriefListenerDeps) {
  return async ({ command, ack, respond, client }: ListenerArgs): Promise<void> => {
    await ack();
    const isAdmin = deps.adminCheckFor(command.team_id || command.enterprise_id || "", client);
    const reply = await answerSlashCommand({ handler: deps.handler, isAdmin, log: deps.log, targetScopeOf: deps.targetScopeOf }, command);
    const responseType = reply.visibility === "channel" ? "in_channel" : "ephemeral";
    const payloads = renderReply(reply, "slack");
    if (payloads.length > MAX_RESPONSES) {
      deps.log.warn({ parts: payloads.length, kept: MAX_RESPONSES }, "reply has more parts than a response_url takes");
    }
    for (const payload of payloads.slice(0, MAX_RESPONSES)) {
      try {
        await respond({ response_type: responseType, ...toSlackMessage(payload) } as RespondArguments);
      } catch (error) {
        deps.log.warn({ user_id: command.user_id, err_message: error instanceof Error ? error.message : String(error) }, "could not answer on response_url");
        return;
      }
    }
  };
}
