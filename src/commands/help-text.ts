export const HELP_TEXT = [
  "/brief search <query> [since:7d] [before:2026-01-31] [topic:<id>] [source:<id>] — top stories from the archive",
  '/brief watch <query> — alert me when a matching story appears (e.g. watch "export controls")',
  "/brief watch <query> in #channel — alerts to a channel (admins)",
  "/brief unwatch <id> — stop a watch; /brief watches — list yours with their ids",
  "/brief digest — preview this channel's digest; /brief digest now — post it here (admins)",
  "/brief topics — the topics this bot follows; /brief feeds — health of each source",
  'Queries: words, "phrases", AND, OR, NOT or -word, (groups), NEAR/5, title:, source:, @alias',
].join("\n");
