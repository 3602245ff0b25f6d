import type { SlashCommand } from "@slack/bolt";
import type { BriefCommand, Invoker } from "../../commands/brief-command.js";
import type { CommandHandler } from "../../commands/command-handler.js";
import { isBriefingError } from "../../domain/errors.js";
import type { Reply } from "../../domain/reply.js";
import type { SlackAdminCheck } from "./slack-admin-check.js";
import type { SlackLog } from "./slack-log.js";
import { parseSlackCommandText } from "./parse-slack-command-text.js";

export interface AnswerDeps {
  handler: CommandHandler;
  isAdmin: SlackAdminCheck;
  log: SlackLog;
  /** `T0123/` for a workspace installed through OAuth; undefined keeps targets plain (`slack:#news`, SLACK_BOT_TOKEN). */
  targetScopeOf(workspaceId: string | null): string | undefined;
}

/**
 * Runs one slash command through the shared handler and always comes back with a reply: a malformed
 * command gets its usage line, a query error its caret (in a code block, so the caret stays under the
 * column), anything else a short apology while the details go to the log, never to the user.
 */
export async function answerSlashCommand(deps: AnswerDeps, command: SlashCommand): Promise<Reply> {
  let parsed: BriefCommand;
  try {
    parsed = parseSlackCommandText(command.text ?? "");
  } catch (error) {
    if (isBriefingError(error)) return ephemeral(error.message);
    throw error;
  }
  try {
    return await deps.handler.handle(parsed, await invokerOf(deps, command));
  } catch (error) {
    if (isBriefingError(error) && error.code === "query") return ephemeral(`\`\`\`\n${error.message}\n\`\`\``);
    if (isBriefingError(error) && (error.code === "command" || error.code === "usage")) return ephemeral(error.message);
    deps.log.error(
      { command: parsed.name, user_id: command.user_id, err_name: error instanceof Error ? error.name : typeof error, err_message: error instanceof Error ? error.message : String(error) },
      "slash command failed",
    );
    return ephemeral(`Sorry, /brief ${parsed.name} failed on our side. The error has been logged; please try again later.`);
  }
}

/** Workspace, channel and user come from the verified payload only, never from the command text. */
async function invokerOf(deps: AnswerDeps, command: SlashCommand): Promise<Invoker> {
  const workspaceId = command.team_id || command.enterprise_id || null;
  return {
    platform: "slack",
    workspaceId,
    ...(deps.targetScopeOf(workspaceId) ? { targetScope: deps.targetScopeOf(workspaceId) } : {}),
    channelId: command.channel_id,
    // Slack sends "directmessage" or "privategroup" for conversations without a channel name.
    channelName: command.channel_name && !["directmessage", "privategroup"].includes(command.channel_name) ? command.channel_name : null,
    userId: command.user_id,
    isPlatformAdmin: await deps.isAdmin(command.user_id),
  };
}

function ephemeral(text: string): Reply {
  return { visibility: "ephemeral", kind: "text", text };
}
