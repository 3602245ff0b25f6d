import type { BriefCommand, Invoker } from "./brief-command.js";
import type { Reply } from "../domain/reply.js";

/** A watch subscription as its owner sees it. */
export interface WatchSummary {
  id: string;
  query: string;
  /** Formatted target the alerts go to, e.g. `slack:@U123` or `discord:1234…`. */
  target: string;
}

/**
 * The one place `/brief` behaviour lives. Adapters acknowledge, build a `BriefCommand` and an `Invoker`
 * from the verified payload, call `handle`, and render the `Reply`; they never decide anything themselves.
 */
export interface CommandHandler {
  handle(command: BriefCommand, invoker: Invoker): Promise<Reply>;
  /** The invoker's own watches, for autocomplete of `unwatch`. */
  watchesOf(invoker: Invoker): Promise<WatchSummary[]>;
}
