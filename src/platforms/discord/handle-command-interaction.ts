import type { ChatInputCommandInteraction } from "discord.js";
import type { BriefCommand, Invoker } from "../../commands/brief-command.js";
import type { CommandHandler } from "../../commands/command-handler.js";
import type { Clock } from "../../domain/clock.js";
import type { OutboundPayload } from "../../domain/outbound.js";
import type { Reply } from "../../domain/reply.js";
import { renderReply } from "../../render/index.js";
import { discordErrorFields, type DiscordLog } from "./discord-log.js";
import { createInteractionResponder } from "./interaction-responder.js";
import { toBriefCommand } from "./to-brief-command.js";
import { memberRoleIds, toInvoker } from "./to-invoker.js";

export interface CommandInteractionDeps {
  handler: CommandHandler;
  admins: readonly string[];
  log: DiscordLog;
  clock: Clock;
  /** Answers slower than this are deferred first; Discord drops an interaction not acknowledged in 3 s. */
  deferAfterMs: number;
}

/** Search and digests read the archive and may build a long answer: always deferred. */
const ALWAYS_DEFER = new Set<BriefCommand["name"]>(["search", "digest"]);

type Outcome = { ok: true; payloads: OutboundPayload[]; visibility: Reply["visibility"] } | { ok: false; error: unknown };

/**
 * One `/brief` interaction: the verified payload becomes an `Invoker` and a `BriefCommand`, the shared
 * handler answers, the shared renderer renders. A failure is logged with its stack and the user gets a
 * one-line apology, never the stack.
 */
export async function handleCommandInteraction(interaction: ChatInputCommandInteraction, deps: CommandInteractionDeps): Promise<void> {
  const started = deps.clock.now().getTime();
  const fields = { interaction_id: interaction.id, guild_id: interaction.guildId, user_id: interaction.user.id };
  const responder = createInteractionResponder(interaction);
  const invoker = toInvoker(
    { guildId: interaction.guildId, channelId: interaction.channelId, userId: interaction.user.id, permissions: interaction.memberPermissions?.bitfield ?? null, roleIds: memberRoleIds(interaction.member) },
    deps.admins,
  );
  const translation = toBriefCommand({ name: interaction.commandName, options: interaction.options.data });
  try {
    if (!invoker || !translation.ok) {
      const reason = translation.ok ? "/brief needs a channel to answer in." : translation.message;
      await responder.finish(notice(reason), "ephemeral");
      return deps.log.info({ ...fields, reason }, "command refused");
    }
    const command = translation.command;
    const outcome = answer(deps.handler, command, invoker);
    if (ALWAYS_DEFER.has(command.name) || !(await settlesWithin(outcome, deps.deferAfterMs))) await responder.defer();
    const result = await outcome;
    if (!result.ok) {
      deps.log.error({ ...fields, command: command.name, err: result.error }, "command failed");
      return await responder.finish(notice(`Sorry, /brief ${command.name} failed on our side; the error was logged.`), "ephemeral");
    }
    await responder.finish(result.payloads, result.visibility);
    deps.log.info({ ...fields, command: command.name, duration_ms: deps.clock.now().getTime() - started }, "command answered");
  } catch (error) {
    deps.log.warn({ ...fields, ...discordErrorFields(error) }, "could not answer the interaction");
  }
}

/** The adapter's own words go through the shared renderer like any reply. */
function notice(text: string): OutboundPayload[] {
  return renderReply({ visibility: "ephemeral", kind: "text", text }, "discord");
}

async function answer(handler: CommandHandler, command: BriefCommand, invoker: Invoker): Promise<Outcome> {
  try {
    const reply = await handler.handle(command, invoker);
    // Rendering inside the try: a reply the renderer cannot fit is a failure like any other.
    return { ok: true, payloads: renderReply(reply, "discord"), visibility: reply.visibility };
  } catch (error) {
    return { ok: false, error };
  }
}

/** True when the promise settles within `ms`; it never rejects. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
