import { STORY_BUDGET } from "./limits.js";

/** Characters that would end or bend a `<url|text>` or `[text](url)` token, percent-encoded. */
const TOKEN_BREAKERS = /[()[\]<>|"`\\ ]/g;

/**
 * The href a renderer may make clickable: the story's own http(s) URL, parsed, without credentials
 * (`https://bank.com@evil.example` is a classic disguise), percent-encoded so it cannot close the link
 * token around it, and not absurdly long. Anything else is null and the title is shown without a link.
 */
export function linkHref(url: string | null | undefined): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return null;
  if (parsed.username !== "" || parsed.password !== "") return null;
  const origin = `${parsed.protocol}//${parsed.host}`;
  // The host is left alone: brackets there belong to an IPv6 literal.
  const rest = parsed.href.slice(origin.length).replace(TOKEN_BREAKERS, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  const href = origin + rest;
  return href.length <= STORY_BUDGET.url ? href : null;
}
