import type { CommandHandler } from "./command-handler.js";

/**
 * The handler with each command started on a later turn of the event loop than its ack, one command
 * per turn. Searches and digests run synchronously on SQLite; started straight after their ack they
 * would run back to back and hold every other request's ack behind them. Taking turns lets the I/O
 * that arrived meanwhile (new requests, their acks) go first, so acks stay fast however many
 * searches are waiting.
 */
export function takeTurns(handler: CommandHandler): CommandHandler {
  const waiting: Array<() => void> = [];
  let scheduled = false;
  const next = () => {
    waiting.shift()?.();
    if (waiting.length > 0) setImmediate(next);
    else scheduled = false;
  };
  const turn = () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      if (!scheduled) {
        scheduled = true;
        setImmediate(next);
      }
    });
  return {
    async handle(command, invoker) {
      await turn();
      return handler.handle(command, invoker);
    },
    watchesOf: (invoker) => handler.watchesOf(invoker),
  };
}
