import type { BriefCommand, Invoker } from "../../src/commands/brief-command.js";
import type { CommandHandler, WatchSummary } from "../../src/commands/command-handler.js";
import type { Reply } from "../../src/domain/reply.js";

type Answer = (command: BriefCommand, invoker: Invoker) => Reply | Promise<Reply>;

export interface RecordingCommandHandler extends CommandHandler {
  calls: Array<{ command: BriefCommand; invoker: Invoker }>;
  watchLookups: Invoker[];
}

/**
 * A stand-in for the real command handler: records what adapters pass it and answers with a short
 * ephemeral text naming the command, unless a test gives its own answer. Like the real one, it refuses
 * channel-wide actions to non-admins, so adapters' permission plumbing shows in the reply.
 */
export function createRecordingCommandHandler(options: { answers?: Partial<Record<BriefCommand["name"], Answer>>; watches?: WatchSummary[] } = {}): RecordingCommandHandler {
  const handler: RecordingCommandHandler = {
    calls: [],
    watchLookups: [],
    async handle(command, invoker) {
      handler.calls.push({ command, invoker });
      const channelWide = (command.name === "digest" && command.now) || (command.name === "watch" && command.channel !== null);
      if (channelWide && !invoker.isPlatformAdmin) return { visibility: "ephemeral", kind: "text", text: "Only admins can do that." };
      const answer = options.answers?.[command.name];
      if (answer) return answer(command, invoker);
      return { visibility: "ephemeral", kind: "text", text: `ok ${command.name}` };
    },
    async watchesOf(invoker) {
      handler.watchLookups.push(invoker);
      return options.watches ?? [];
    },
  };
  return handler;
}
