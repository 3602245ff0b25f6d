import { cleanText } from "./clean-text.js";

/**
 * Feed text as Slack mrkdwn that can only ever read as text. Escaping `&`, `<` and `>` is all Slack
 * needs: links, `<!channel>`, `<@U…>` and `<#C…>` all start with `<`, and the text objects we make set
 * `verbatim: true`, so Slack does not turn bare URLs or `@here` into links or mentions either.
 * `*`, `_` and `~` are left alone: Slack has no escape for them, and they cannot hide a link or ping.
 */
export function escapeSlack(text: string): string {
  return cleanText(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(BARE_MASS_MENTION, "@\u200D");
}

/**
 * Slack turns a bare `@channel` into a mention only when a message asks for `link_names`, which ours never
 * do; a zero-width joiner after the `@` keeps it so even if an adapter one day sets it.
 */
const BARE_MASS_MENTION = /@(?=(?:channel|here|everyone)\b)/gi;

/** Atoms a shortened Slack string must keep whole: entities and `<url|text>` tokens. */
export const SLACK_ATOMS: readonly RegExp[] = [/&(?:amp|lt|gt);/g, /<[^<>]*>/g];
