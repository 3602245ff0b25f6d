import type { BriefCommand } from "../../commands/brief-command.js";
import { parseCommandText } from "../../commands/parse-command-text.js";

/**
 * A slash command's text as Slack sends it (with "escape channels, users and links" on) turned into a
 * command: links `<https://x|label>` become their URL, user mentions their display form, and the
 * entities `&amp; &lt; &gt;` the characters typed. Channel mentions `<#C0123|name>` are left for the
 * shared parser, which takes the id; whether the user may use that channel is the handler's decision.
 * Throws a `BriefingError` (code "command") whose message is the usage line.
 */
export function parseSlackCommandText(text: string): BriefCommand {
  return parseCommandText(slackTextToPlain(text));
}

export function slackTextToPlain(text: string): string {
  return text
    .replace(/<((?:https?|mailto):[^|>]+)(?:\|[^>]*)?>/g, "$1")
    .replace(/<@([A-Z0-9]+)(?:\|([^>]*))?>/gi, (_all, id: string, name: string | undefined) => `@${name ?? id}`)
    .replace(/<!([a-z]+)(?:\^[^|>]*)?(?:\|[^>]*)?>/gi, "@$1")
    // A typed `<#C0123>` arrives escaped; it must not turn into a channel mention here.
    .replace(/&lt;(?!#)/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}
