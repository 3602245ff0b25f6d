import type { RespondArguments, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { renderReply } from "../../render/index.js";
import { answerSlashCommand, type AnswerDeps } from "./answer-slash-command.js";
import { toSlackMessage } from "./to-slack-message.js";

/** Slack accepts five messages on one response_url (within 30 minutes). */
const MAX_RESPONSES = 5;

/**
 * The `/brief` listener. It acknowledges first, with an empty body, so Slack's three-second window is
 * met however slow the work is; the answer then goes to the command's response_url, ephemeral unless
 * the handler's reply is meant for the channel.
 */
export function createBriefListener(deps: AnswerDeps) {
  return async ({ command, ack, respond }: Pick<SlackCommandMiddlewareArgs, "command" | "ack" | "respond">): Promise<void> => {
    await ack();
    const reply = await answerSlashCommand(deps, command);
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
