import { Parser } from "htmlparser2";
import { resolveLink } from "./canonical-url.js";

const FEED_TYPES = new Set(["application/rss+xml", "application/atom+xml", "application/feed+json", "application/rdf+xml"]);
// Feed links sit in the head; a page larger than this is not read further for them.
const MAX_SCAN = 512 * 1024;
const MAX_LINKS = 8;

/**
 * The feeds a web page names with `<link rel="alternate" type="application/rss+xml|atom+xml|feed+json">`,
 * in page order, resolved against the page's `<base href>` and URL (absolute ones only when the
 * page has no URL). The page's own feed comes first on every CMS we know of; comment feeds after.
 */
export function findFeedLinks(html: string, pageUrl: string | null): string[] {
  let base = pageUrl;
  const links: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === "base" && attributes["href"] !== undefined) {
          base = resolveLink(attributes["href"], pageUrl) ?? base;
          return;
        }
        if (name !== "link" || links.length >= MAX_LINKS) return;
        const rel = (attributes["rel"] ?? "").toLowerCase().split(/\s+/);
        const type = (attributes["type"] ?? "").toLowerCase().split(";")[0]!.trim();
        const href = attributes["href"];
        if (!rel.includes("alternate") || !FEED_TYPES.has(type) || !href) return;
        const resolved = resolveLink(href, base);
        if (resolved && !links.includes(resolved)) links.push(resolved);
      },
      onclosetag(name) {
        // Feed links belong in the head; links further down are about other things.
        if (name === "head") parser.pause();
      },
    },
    { lowerCaseTags: true, lowerCaseAttributeNames: true, decodeEntities: true },
  );
  parser.end(html.slice(0, MAX_SCAN));
  return links;
}
