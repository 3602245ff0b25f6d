import { Parser } from "htmlparser2";
import type { RawEntry, RawFeed, RawText } from "./raw-feed.js";

// Longer titles and abstracts are cut while reading; normalising cuts them much shorter anyway.
const MAX_TEXT = 64 * 1024;
// What may come before the root element: whitespace (and a BOM), declarations, comments, a doctype.
const PROLOG_PART = /\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE(?:[^>[]|\[[\s\S]*?\])*>/iy;
const ROOT_NAME = /<([A-Za-z_][\w.:-]*)/y;

/** True for Microsoft's Channel Definition Format, whose root element is `<CHANNEL>`. */
export function isCdfDocument(text: string): boolean {
  let at = 0;
  for (;;) {
    PROLOG_PART.lastIndex = at;
    if (!PROLOG_PART.test(text)) break;
    at = PROLOG_PART.lastIndex;
  }
  ROOT_NAME.lastIndex = at;
  return ROOT_NAME.exec(text)?.[1]?.toLowerCase() === "channel";
}

interface Field {
  /** Depth of the element whose text this is. */
  depth: number;
  text: string;
  done(text: string): void;
}

/**
 * Reads CDF (`<CHANNEL HREF><TITLE/><ABSTRACT/><ITEM HREF LASTMOD><TITLE/><ABSTRACT/></ITEM></CHANNEL>`,
 * element names in any case) into raw fields, with htmlparser2 in XML mode: one linear pass that
 * expands no entities beyond XML's own. Items of nested channels count as the feed's items.
 */
export function readCdfFeed(text: string, maxEntries: number): RawFeed {
  const feed: RawFeed = { format: "cdf", title: null, link: null, description: null, language: null, base: null, entries: [] };
  const open: string[] = [];
  let item: { depth: number; entry: RawEntry } | null = null;
  let field: Field | null = null;

  const parser = new Parser(
    {
      onopentag(name, attributes) {
        open.push(name);
        const attr = (key: string) => (Object.hasOwn(attributes, key) ? attributes[key]!.trim() || null : null);
        const depth = open.length;
        const parent = open[depth - 2];
        if (depth === 1 && name === "channel") {
          Object.assign(feed, { link: attr("href"), base: attr("xml:base") ?? attr("base"), language: attr("xml:lang") });
        } else if (name === "item" && !item && feed.entries.length < maxEntries) {
          const entry: RawEntry = {
            guid: null,
            links: [attr("href")].filter((href): href is string => href !== null),
            base: attr("xml:base") ?? attr("base"),
            title: null,
            summary: null,
            content: null,
            author: null,
            language: attr("xml:lang"),
            dates: [attr("lastmod")].filter((date): date is string => date !== null),
          };
          item = { depth, entry };
        } else if ((name === "title" || name === "abstract") && !field) {
          // Only the root channel's own TITLE and ABSTRACT, and those of an item, count.
          const owner = item && parent === "item" && item.depth === depth - 1 ? item.entry : depth === 2 ? feed : null;
          if (owner) field = { depth, text: "", done: (value) => setText(owner, name, { value, type: "html" }) };
        }
      },
      ontext(data) {
        if (field && field.text.length < MAX_TEXT) field.text += data;
      },
      onclosetag() {
        const depth = open.length;
        if (field?.depth === depth) {
          field.done(field.text.slice(0, MAX_TEXT));
          field = null;
        }
        if (item?.depth === depth) {
          feed.entries.push(item.entry);
          item = null;
        }
        open.pop();
      },
    },
    { xmlMode: true, lowerCaseTags: true, lowerCaseAttributeNames: true, decodeEntities: true },
  );
  parser.end(text);
  return feed;
}

function setText(owner: RawFeed | RawEntry, element: "title" | "abstract", text: RawText): void {
  if (element === "title") owner.title = text;
  else if ("entries" in owner) owner.description = text;
  else owner.summary = text;
}
