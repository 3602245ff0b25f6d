import type { RawEntry, RawFeed, RawText } from "./raw-feed.js";
import { attrOf, childOf, childrenIgnoringCase, childrenOf, innerMarkup, textOf, type XmlElement, type XmlNode } from "./xml-node.js";

type FeedMeta = Omit<RawFeed, "format" | "entries">;

// Links that point somewhere other than the article itself.
const NOT_ARTICLE_RELS = new Set(["self", "edit", "edit-media", "replies", "enclosure", "license", "hub", "next", "previous"]);
const RSS_DATES = ["pubDate", "dc:date", "dcterms:issued", "dcterms:created", "atom:published", "dcterms:modified", "atom:updated"];
const ATOM_DATES = ["published", "issued", "created", "updated", "modified", "dc:date"];

// RSS core elements are also read in other letter case when the lower-case one is missing:
// iTunes, and so podcast feeds written for it, treat `<TITLE>` as `<title>`.
function coreChild(node: XmlElement, name: string, ...alternatives: string[]): XmlNode | undefined {
  return childOf(node, name, ...alternatives) ?? childrenIgnoringCase(node, name)[0];
}

export function rssFeedMeta(channel: XmlElement): FeedMeta {
  const link = childrenIgnoringCase(channel, "link").map((node) => textOf(node).trim() || (attrOf(node, "href") ?? "")).find(Boolean);
  return {
    title: typedText(coreChild(channel, "title", "dc:title"), "html"),
    link: link ?? null,
    description: typedText(coreChild(channel, "description", "dc:description", "itunes:summary"), "html"),
    language: clean(textOf(childOf(channel, "language", "dc:language"))) ?? attrOf(channel, "xml:lang") ?? null,
    base: attrOf(channel, "xml:base") ?? null,
  };
}

export function atomFeedMeta(feed: XmlElement): FeedMeta {
  const base = attrOf(feed, "xml:base") ?? null;
  return {
    title: typedText(childOf(feed, "title"), "text"),
    link: atomLinks(feed, base)[0] ?? null,
    description: typedText(childOf(feed, "subtitle", "tagline", "info"), "text"),
    language: attrOf(feed, "xml:lang") ?? null,
    base,
  };
}

export function rssEntry(item: XmlElement, feedBase: string | null): RawEntry {
  const base = joinBase(feedBase, attrOf(item, "xml:base"));
  const guidNode = childOf(item, "guid");
  const guid = clean(textOf(guidNode)) ?? clean(attrOf(item, "rdf:about"));
  const links = childrenIgnoringCase(item, "link")
    .map((node) => textOf(node).trim() || (attrOf(node, "href") ?? ""))
    .concat(atomLinks({ link: childrenOf(item, "atom:link") }, base))
    .filter(Boolean);
  // RSS 2.0: a guid is a permalink unless it says otherwise.
  if (links.length === 0 && guid && attrOf(guidNode, "isPermaLink") !== "false" && /^https?:\/\//i.test(guid)) links.push(guid);
  return {
    guid,
    links,
    base,
    title: typedText(coreChild(item, "title", "dc:title", "media:title"), "html"),
    summary: typedText(coreChild(item, "description", "dc:description", "itunes:summary", "summary"), "html"),
    content: typedText(childOf(item, "content:encoded", "xhtml:body", "body", "fullitem"), "html"),
    author: authorName(childOf(item, "author", "dc:creator", "itunes:author")),
    language: clean(textOf(childOf(item, "dc:language"))) ?? attrOf(item, "xml:lang") ?? null,
    dates: datesOf(item, RSS_DATES),
  };
}

export function atomEntry(entry: XmlElement, feedBase: string | null): RawEntry {
  const base = joinBase(feedBase, attrOf(entry, "xml:base"));
  return {
    guid: clean(textOf(childOf(entry, "id"))),
    links: atomLinks(entry, base),
    base,
    title: typedText(childOf(entry, "title"), "text"),
    summary: typedText(childOf(entry, "summary"), "text"),
    content: typedText(childOf(entry, "content"), "text"),
    author: authorName(childOf(entry, "author", "dc:creator")),
    language: attrOf(entry, "xml:lang") ?? null,
    dates: datesOf(entry, ATOM_DATES),
  };
}

/** Date texts by element, in preference order; of a repeated element the last counts (as in feedparser). */
function datesOf(node: XmlElement, names: string[]): string[] {
  return names.map((name) => textOf(childrenOf(node, name).at(-1)).trim()).filter(Boolean);
}

/** Atom `<link>` hrefs, rel="alternate" (the default) first, links to other things never. */
function atomLinks(node: unknown, base: string | null): string[] {
  const links = childrenOf(node, "link")
    .map((link) => ({ rel: (attrOf(link, "rel") ?? "alternate").toLowerCase(), href: attrOf(link, "href") ?? textOf(link).trim(), base: attrOf(link, "xml:base") }))
    .filter((link) => link.href !== "" && !NOT_ARTICLE_RELS.has(link.rel))
    .map((link) => ({ ...link, href: joinBase(joinBase(base, link.base), link.href) ?? link.href }));
  return [...links.filter((link) => link.rel === "alternate"), ...links.filter((link) => link.rel !== "alternate")].map((link) => link.href);
}

/** Text with its declared type; Atom defaults to text, RSS to (escaped) HTML. */
export function typedText(node: XmlNode | undefined, defaultType: RawText["type"]): RawText | null {
  if (node === undefined) return null;
  const type = (attrOf(node, "type") ?? "").toLowerCase();
  const mode = (attrOf(node, "mode") ?? "").toLowerCase();
  if (type === "xhtml" || type === "application/xhtml+xml" || mode === "xml") return { value: innerMarkup(node), type: "html" };
  let value = textOf(node);
  // Markup left unescaped inside an RSS element arrives as child elements.
  if (value.trim() === "" && typeof node === "object") return { value: innerMarkup(node), type: "html" };
  // Atom: a MIME type that is neither text nor XML means the content is base64.
  const binary = type.includes("/") && !type.startsWith("text/") && !type.endsWith("xml");
  if (mode === "base64" || binary) value = Buffer.from(value.trim(), "base64").toString("utf8");
  if (binary) return { value, type: "html" };
  if (type === "text" || type === "text/plain") return { value, type: "text" };
  if (type === "html" || type.includes("html")) return { value, type: "html" };
  return { value, type: defaultType };
}

function authorName(node: XmlNode | undefined): string | null {
  if (node === undefined) return null;
  const name = typeof node === "object" && childrenOf(node, "name").length > 0 ? textOf(childOf(node, "name")) : textOf(node);
  // RSS: "jo@example.com (Jo Bloggs)" names the person in parentheses.
  const inParens = /^\s*\S+@\S+\s*\((.+)\)\s*$/.exec(name)?.[1];
  return clean(inParens ?? name);
}

function joinBase(parent: string | null, child: string | undefined): string | null {
  if (!child) return parent;
  if (!parent) return child;
  try {
    return new URL(child, parent).href;
  } catch {
    return child;
  }
}

function clean(value: string | undefined | null): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}
