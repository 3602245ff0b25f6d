import type { BriefCommand, Invoker } from "../../src/commands/brief-command.js";
import type { CommandHandler, WatchSummary } from "../../src/commands/command-handler.js";
import type { Reply } from "../../src/domain/reply.js";

/** A command handler that records what it was asked and answers what the test tells it to. */
export interface FakeCommandHandler extends CommandHandler {
  calls: { command: BriefCommand; invoker: Invoker }[];
  /** Replaces the answer for the following calls. */
  answerWith(answer: (command: BriefCommand, invoker: Invoker) => Reply | Promise<Reply>): void;
}

export function createFakeCommandHandler(watches: WatchSummary[] = []): FakeCommandHandler {
  const calls: FakeCommandHandler["calls"] = [];
  let answer: (command: BriefCommand, invoker: Invoker) => Reply | Promise<Reply> = (command) => ({
    visibility: "ephemeral",
    kind: "text",
    text: `ran ${command.name}`,
  });
  return {
    calls,
    answerWith(next) {
      answer = next;
    },
    async handle(command, invoker) {
      calls.push({ command, invoker });
      return answer(command, invoker);
    },
    async watchesOf() {
      return watches;
    },
  };
}
