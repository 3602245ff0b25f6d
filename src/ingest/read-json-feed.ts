import { FetchError } from "./fetch-error.js";
import type { RawEntry, RawFeed, RawText } from "./raw-feed.js";

type Json = Record<string, unknown>;

/** Reads JSON Feed 1.0 or 1.1 (https://jsonfeed.org) into raw fields. */
export function readJsonFeed(text: string, maxEntries: number): RawFeed {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new FetchError("not-a-feed", "not a valid feed (malformed JSON)", { cause: error });
  }
  if (!isObject(doc) || typeof doc["version"] !== "string" || !doc["version"].includes("jsonfeed.org/version/1")) {
    throw new FetchError("not-a-feed", "not a valid feed (JSON, but not a JSON Feed)");
  }
  const items = Array.isArray(doc["items"]) ? doc["items"] : [];
  return {
    format: "json",
    title: plain(doc["title"]),
    link: str(doc["home_page_url"]),
    description: plain(doc["description"]),
    language: str(doc["language"]),
    base: str(doc["feed_url"]),
    entries: items.slice(0, maxEntries).filter(isObject).map((item) => jsonEntry(item, doc as Json)),
  };
}

function jsonEntry(item: Json, feed: Json): RawEntry {
  const id = typeof item["id"] === "number" ? String(item["id"]) : str(item["id"]);
  const html = str(item["content_html"]);
  return {
    guid: id,
    links: [str(item["url"]), str(item["external_url"])].filter((link): link is string => link !== null),
    base: null,
    title: plain(item["title"]),
    summary: plain(item["summary"]),
    content: html !== null ? { value: html, type: "html" } : plain(item["content_text"]),
    author: authorOf(item) ?? authorOf(feed),
    language: str(item["language"]),
    dates: [str(item["date_published"]), str(item["date_modified"])].filter((date): date is string => date !== null),
  };
}

/** 1.1 has `authors: [{name}]`; 1.0 has `author: {name}`. */
function authorOf(node: Json): string | null {
  const authors = Array.isArray(node["authors"]) ? node["authors"] : [node["author"]];
  const names = authors.filter(isObject).map((author) => str(author["name"])).filter((name): name is string => name !== null);
  return names.length > 0 ? names.join(", ") : null;
}

function plain(value: unknown): RawText | null {
  const text = str(value);
  return text === null ? null : { value: text, type: "text" };
}

function str(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? value : null;
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
