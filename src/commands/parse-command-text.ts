import { BriefingError } from "../domain/errors.js";
import type { BriefCommand, BriefCommandName } from "./brief-command.js";
import { parseTenantCommand } from "./parse-tenant-command.js";

/** One usage line per subcommand; a malformed command answers with its own line. */
export const COMMAND_USAGE: Readonly<Record<BriefCommandName, string>> = {
  search: "Usage: /brief search <query>",
  watch: "Usage: /brief watch <query>  or  /brief watch <query> in #channel",
  unwatch: "Usage: /brief unwatch <id> (/brief watches lists your ids)",
  watches: "Usage: /brief watches",
  digest: "Usage: /brief digest  or  /brief digest now",
  topics: "Usage: /brief topics",
  feeds: "Usage: /brief feeds",
  help: "Usage: /brief help",
  "feeds-add": "Usage: /brief feeds add <url of a feed or of a page that links one>",
  "feeds-remove": "Usage: /brief feeds remove <id> (/brief feeds lists the ids)",
  "topics-add": "Usage: /brief topics add <id> <query> [name:\"Display name\"], e.g. /brief topics add chips \"export controls\" AND chips name:\"AI chips\"",
  "topics-remove": "Usage: /brief topics remove <id>",
  "topics-test": "Usage: /brief topics test <query>",
  "digest-here": 'Usage: /brief digest here <cron schedule> [topic ids…] [tz:Area/City], e.g. /brief digest here "0 9 * * 1-5" chips tz:Europe/Berlin',
  "digest-off": "Usage: /brief digest off",
  aliases: "Usage: /brief aliases",
  "aliases-add": 'Usage: /brief aliases add <name> <query>, e.g. /brief aliases add chips H200 OR "AI chips"; then @chips works in topics, watches and searches',
  "aliases-remove": "Usage: /brief aliases remove <name>",
  audit: "Usage: /brief audit",
};

export const GENERAL_USAGE =
  "Usage: /brief search <query> | watch <query> [in #channel] | unwatch <id> | watches | digest [now|here|off] | topics [add|remove|test] | feeds [add|remove] | aliases [add|remove] | audit | help";

// A channel picked with `#` arrives as `<#C0123|name>` (Slack, with escaping on) or `<#C0123>`.
const WATCH_IN_CHANNEL = /^(?<query>.*?)(?:^|\s+)in\s+<#(?<channel>[A-Z0-9]+)(?:\|[^>]*)?>$/is;
// `in #name` that the platform did not turn into a mention: we cannot tell which channel it is.
const WATCH_IN_PLAIN_CHANNEL = /(?:^|\s+)in\s+#[^\s]+$/i;
const WATCH_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Turns the text after `/brief` into a command. Platform-neutral: channel mentions are expected in the
 * `<#ID|name>` form, and the command never names a workspace or user (those come from the verified payload).
 * Throws a `BriefingError` with code "command" whose message is the usage line.
 */
export function parseCommandText(text: string): BriefCommand {
  const trimmed = text.trim();
  if (trimmed === "") return { name: "help" };
  const space = trimmed.search(/\s/);
  const word = (space === -1 ? trimmed : trimmed.slice(0, space)).toLowerCase();
  const rest = space === -1 ? "" : trimmed.slice(space).trim();

  switch (word) {
    case "search":
      if (rest === "") throw usage("search");
      return { name: "search", query: rest };
    case "watch":
      return parseWatch(rest);
    case "unwatch":
      if (!WATCH_ID.test(rest)) throw usage("unwatch");
      return { name: "unwatch", watchId: rest };
    case "digest":
      if (rest === "") return { name: "digest", now: false };
      if (rest.toLowerCase() === "now") return { name: "digest", now: true };
      return parseTenantCommand(word, rest) ?? throwUsage("digest");
    case "aliases":
      if (rest === "") return { name: "aliases" };
      return parseTenantCommand(word, rest) ?? throwUsage("aliases-add");
    case "topics":
    case "feeds":
      if (rest === "") return { name: word };
      return parseTenantCommand(word, rest) ?? throwUsage(word);
    case "watches":
    case "audit":
      if (rest !== "") throw usage(word);
      return { name: word };
    case "help":
      return { name: "help" };
    default:
      throw new BriefingError("command", `Unknown subcommand "${word.slice(0, 40)}". ${GENERAL_USAGE}`);
  }
}

function parseWatch(rest: string): BriefCommand {
  const inChannel = WATCH_IN_CHANNEL.exec(rest);
  if (inChannel?.groups) {
    const query = inChannel.groups.query?.trim() ?? "";
    if (query === "") throw usage("watch");
    return { name: "watch", query, channel: inChannel.groups.channel ?? null };
  }
  if (WATCH_IN_PLAIN_CHANNEL.test(rest)) {
    throw new BriefingError("command", `Pick the channel from the # menu so it becomes a link. ${COMMAND_USAGE.watch}`);
  }
  if (rest === "") throw usage("watch");
  return { name: "watch", query: rest, channel: null };
}

export function usage(name: BriefCommandName): BriefingError {
  return new BriefingError("command", COMMAND_USAGE[name]);
}

function throwUsage(name: BriefCommandName): never {
  throw usage(name);
}
