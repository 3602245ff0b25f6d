import type { Invoker } from "./brief-command.js";

const QUERIES = 'Queries: words, "phrases", AND, OR, NOT or -word, (groups), NEAR/5, title:, source:, @alias';

/** Slack (and the console) type `/brief` with words after it. */
const TYPED_HELP = [
  "/brief search <query> [since:7d] [before:2026-01-31] [topic:<id>] [source:<id>] — top stories from the archive",
  '/brief watch <query> — alert me when a matching story appears (e.g. watch "export controls")',
  "/brief watch <query> in #channel — alerts to a channel (admins)",
  "/brief unwatch <id> — stop a watch; /brief watches — list yours with their ids",
  "/brief digest — preview this channel's digest; /brief digest now — post it here (admins)",
  "/brief topics — the topics this bot follows; /brief feeds — health of each source; /brief aliases — the @name aliases",
  "Admins: /brief feeds add <url> | feeds remove <id> | topics add <id> <query> | topics remove <id> | aliases add <name> <query> | aliases remove <name> | digest here <cron> [topics…] [tz:Area/City] | digest off | audit",
  "/brief topics test <query> — what a query would have matched in the last 7 days",
  QUERIES,
].join("\n");

/** Discord fills in named options: `query:`, `channel:`, `id:`, `now:`. */
const DISCORD_HELP = [
  "/brief search query:<query> — top stories from the archive; the query may end in since:7d, before:2026-01-31, topic:<id>",
  '/brief watch query:<query> — alert me by DM when a matching story appears (e.g. query: "export controls")',
  "/brief watch query:<query> channel:<channel> — alerts to a channel (Manage Server)",
  "/brief unwatch id:<id> — stop a watch (the id is suggested as you type); /brief watches — list yours",
  "/brief digest — preview this channel's digest; /brief digest now:True — post it here (Manage Server)",
  "/brief topics — the topics this bot follows; /brief feeds — health of each source; /brief aliases — the @name aliases",
  "Manage Server: /brief feeds-add url: | feeds-remove id: | topics-add id: query: | topics-remove id: | aliases-add name: query: | aliases-remove name: | digest-here schedule: [topics:] [tz:] | digest-off | audit",
  "/brief topics-test query:<query> — what a query would have matched in the last 7 days",
  QUERIES,
].join("\n");

/** `/brief help` in the syntax of the platform it is asked on. */
export function helpText(platform: Invoker["platform"]): string {
  return platform === "discord" ? DISCORD_HELP : TYPED_HELP;
}
