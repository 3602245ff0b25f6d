// RSS 1.0's namespace never collides with anything, so its prefix can always go.
const ALWAYS = new Set(["http://purl.org/rss/1.0/"]);
// These only when the root element itself carries the prefix (`<atom:feed>`): RSS 2.0 feeds
// routinely declare `atom:` for `<atom:link rel="self">`, which must stay prefixed there.
const WHEN_ROOT = new Set(["http://backend.userland.com/rss2", "http://backend.userland.com/rss", "http://www.w3.org/2005/Atom", "http://purl.org/atom/ns#"]);
const DECLARATION = /xmlns:([A-Za-z_][\w.-]*)\s*=\s*["']([^"']+)["']/g;

/**
 * rss-parser knows feed elements by their unprefixed names; a feed written with an explicit
 * prefix for the RSS or Atom namespace (`<r:rss>`, `<atom:feed>`, `<rss:item>`) has the
 * prefix removed from its element names, which is what a namespace-aware reader would see.
 */
export function unprefixFeedElements(text: string): string {
  const rootAt = text.search(/<[A-Za-z_]/);
  const rootTag = rootAt === -1 ? "" : text.slice(rootAt, text.indexOf(">", rootAt) + 1);
  const rootPrefix = /^<([A-Za-z_][\w.-]*):/.exec(rootTag)?.[1];
  const prefixes: string[] = [];
  for (const [, prefix, uri] of rootTag.matchAll(DECLARATION)) {
    if (ALWAYS.has(uri!) || (WHEN_ROOT.has(uri!) && prefix === rootPrefix)) prefixes.push(prefix!);
  }
  if (prefixes.length === 0) return text;
  const element = new RegExp(`<(/?)(?:${prefixes.map(escapeRegExp).join("|")}):`, "g");
  return text.replace(element, "<$1");
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
