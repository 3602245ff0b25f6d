import { cleanText } from "./clean-text.js";

/**
 * Every punctuation mark Discord markdown uses gets a backslash. Discord renders `\x` as `x` for any such
 * mark, so the text looks like the source, yet nothing in it can start markdown: no
 * `[bank.com](https://evil)` masked link, no `<@123>` or `<t:…>` tag, no `# heading`, `-# subtext`,
 * `> quote` or `1.` list, no `||spoiler||`, and no bare `https://` autolink (the escaped colon breaks it).
 * discord.js's `escapeMarkdown` leaves `(`, `:` and `<` alone, so a masked link it escapes still shows
 * its URL as a live autolink; hence our own.
 */
const MARKDOWN_PUNCTUATION = /[\\*_~`|<>[\]()#+\-.:@]/g;

/** `@everyone` and `@here` get a zero-width joiner after the `@`, so even unescaped they cannot ping. */
const MASS_MENTION = /@(?=(?:everyone|here)\b)/gi;

/** Feed text as Discord markdown that renders as the same words and cannot link, mention or format. */
export function escapeDiscord(text: string): string {
  return cleanText(text).replace(MARKDOWN_PUNCTUATION, "\\$&").replace(MASS_MENTION, "@\u200D");
}

/** `<@…>`, `<#…>`, `<t:…>` and friends: a zero-width joiner after the `<` keeps them from parsing. */
const TAG_START = /<(?=\S)/g;

/**
 * Feed text for places Discord shows without markdown (embed footers, author names): escaping would show
 * its backslashes there, so mass mentions and tags are broken with a zero-width joiner instead.
 */
export function plainDiscord(text: string): string {
  return cleanText(text).replace(MASS_MENTION, "@\u200D").replace(TAG_START, "<\u200D");
}

/** Atoms a shortened Discord string must keep whole: backslash escapes and our `[text](url)` links. */
export const DISCORD_ATOMS: readonly RegExp[] = [/\[(?:\\[\s\S]|[^\\\]])*\]\([^()\s]*\)/g, /\\[\s\S]/g, /@\u200D/g];
