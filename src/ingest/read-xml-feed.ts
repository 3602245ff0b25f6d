import { createRequire } from "node:module";
import Parser from "rss-parser";
import { FetchError } from "./fetch-error.js";
import { prepareXml } from "./prepare-xml.js";
import type { RawEntry, RawFeed } from "./raw-feed.js";
import { isCdfDocument, readCdfFeed } from "./read-cdf-feed.js";
import { recoverXmlFeed } from "./recover-xml-feed.js";
import { atomEntry, rssEntry, atomFeedMeta, rssFeedMeta } from "./xml-fields.js";
import type { XmlElement } from "./xml-node.js";

const require = createRequire(import.meta.url);
// rss-parser computes `contentSnippet` for every item with a regex that is quadratic on
// input like 120 KB of "a<p" (20 s of blocked event loop). We never use the snippet, so it is
// switched off; our own HTML-to-text is linear.
const rssUtils = require("rss-parser/lib/utils.js") as { getSnippet: (html: string) => string };
rssUtils.getSnippet = () => "";

const RAW = Symbol("raw");
const FORMAT = Symbol("format");
type Built = Record<string | symbol, unknown> & { items?: Array<Record<string | symbol, unknown>> };

interface ParserInternals {
  xmlParser: { reset(): void };
  buildAtomFeed(xml: { feed: XmlElement }): Built;
  buildRSS(channel: XmlElement, items: XmlElement[]): Built;
  buildRSS1(xml: unknown): Built;
  parseItemAtom(entry: XmlElement): Record<string | symbol, unknown>;
  parseItemRss(item: XmlElement, fields: unknown): Record<string | symbol, unknown>;
}

const parser = new Parser({ defaultRSS: 2 });
const internals = parser as unknown as ParserInternals;

// rss-parser throws away the whole feed when one Atom entry has a bad date or a <link>
// without href; entries are cleaned (or skipped) one by one instead, and the raw nodes kept
// so that our own field reading sees everything the document has.
const buildAtomFeed = internals.buildAtomFeed.bind(parser);
internals.buildAtomFeed = (xml) => {
  const feed = { ...xml.feed, link: withHref(xml.feed.link) };
  return { ...buildAtomFeed({ feed }), [RAW]: xml.feed, [FORMAT]: "atom" };
};
const parseItemAtom = internals.parseItemAtom.bind(parser);
internals.parseItemAtom = (entry) => {
  try {
    return { ...parseItemAtom({ ...entry, link: withHref(entry.link), published: undefined, updated: undefined }), [RAW]: entry };
  } catch {
    return { [RAW]: entry };
  }
};
const buildRSS = internals.buildRSS.bind(parser);
internals.buildRSS = (channel, items) => ({ ...buildRSS(channel, items), [RAW]: channel, [FORMAT]: "rss" });
const buildRSS1 = internals.buildRSS1.bind(parser);
internals.buildRSS1 = (xml) => ({ ...buildRSS1(xml), [FORMAT]: "rdf" });
const parseItemRss = internals.parseItemRss.bind(parser);
internals.parseItemRss = (item, fields) => {
  try {
    return { ...parseItemRss(item, fields), [RAW]: item };
  } catch {
    return { [RAW]: item };
  }
};

function withHref(links: unknown): unknown {
  return Array.isArray(links) ? links.filter((link) => link && typeof link === "object" && typeof link.$?.href === "string") : undefined;
}

/** Reads RSS 0.9x/1.0/2.0 or Atom text through rss-parser's `parseString`, or CDF, into raw fields. */
export async function readXmlFeed(text: string, maxEntries: number): Promise<RawFeed> {
  const prepared = prepareXml(text);
  if (isCdfDocument(prepared)) return readCdfFeed(prepared, maxEntries);
  // rss-parser reuses one xml2js parser, which leaves it marked "ended" after a good document;
  // the next document without any element then never calls back (a hang until the deadline).
  internals.xmlParser.reset();
  let built: Built;
  try {
    built = (await parser.parseString(prepared)) as unknown as Built;
  } catch (error) {
    return recovered(prepared, maxEntries, new FetchError("not-a-feed", `not a valid RSS/Atom feed (${describeParseError(error)})`, { cause: error }));
  }
  const root = built[RAW] as XmlElement | undefined;
  if (!root) return recovered(prepared, maxEntries, new FetchError("not-a-feed", "not a valid RSS/Atom feed (no channel)"));
  const format = built[FORMAT] as RawFeed["format"];
  const meta = format === "atom" ? atomFeedMeta(root) : rssFeedMeta(root);
  const entries: RawEntry[] = [];
  for (const item of (built.items ?? []).slice(0, maxEntries)) {
    const raw = item[RAW] as XmlElement | undefined;
    if (!raw || typeof raw !== "object") continue;
    entries.push(format === "atom" ? atomEntry(raw, meta.base) : rssEntry(raw, meta.base));
  }
  return { format, ...meta, entries };
}

/** The strict parse failed with `failure`: what a forgiving parse can read, or `failure` when it finds no feed either. */
function recovered(text: string, maxEntries: number, failure: FetchError): RawFeed {
  const feed = recoverXmlFeed(text, maxEntries);
  if (!feed || (feed.entries.length === 0 && !feed.title)) throw failure;
  return { ...feed, recovered: failure.message.replace(/^not a valid RSS\/Atom feed \((.*)\)$/, "$1") };
}

function describeParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (message.startsWith("Feed not recognized")) return "the document is neither RSS nor Atom";
  if (message.startsWith("Cannot read properties")) return "the feed structure is incomplete";
  const line = /Line: (\d+)/.exec(message)?.[1];
  const first = message.split("\n")[0]!.slice(0, 80);
  return line ? `malformed XML at line ${Number(line) + 1}: ${first}` : `malformed XML: ${first}`;
}
