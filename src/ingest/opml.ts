import { Parser } from "htmlparser2";

/** One feed of an OPML subscription list. */
export interface OpmlFeed {
  /** The outline's title (or text), trimmed; may be empty. */
  title: string;
  xmlUrl: string;
  htmlUrl: string | null;
  /** The titles of the outlines it sits in (Feedly, Inoreader and Miniflux write folders so), outermost first. */
  categories: string[];
}

// Subscription lists run to a few thousand feeds; beyond this an OPML file is not a reading list.
const MAX_FEEDS = 10_000;

/**
 * The feeds of an OPML 1.0/2.0 subscription list: every `<outline>` with an `xmlUrl`, at any
 * depth, with the folders it sits in. Read leniently (htmlparser2 in XML mode; attribute names
 * in any case), since exporters are not all careful about XML.
 */
export function readOpml(text: string): OpmlFeed[] {
  const feeds: OpmlFeed[] = [];
  const folders: Array<string | null> = [];
  let sawOpml = false;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === "opml") sawOpml = true;
        if (name !== "outline") return;
        const title = (attributes["title"]?.trim() || attributes["text"]?.trim()) ?? "";
        const xmlUrl = attributes["xmlurl"]?.trim();
        if (xmlUrl && feeds.length < MAX_FEEDS) {
          const htmlUrl = attributes["htmlurl"]?.trim() || null;
          feeds.push({ title, xmlUrl, htmlUrl, categories: folders.filter((folder): folder is string => folder !== null) });
        }
        folders.push(xmlUrl ? null : title || null);
      },
      onclosetag(name) {
        if (name === "outline") folders.pop();
      },
    },
    { xmlMode: true, lowerCaseTags: true, lowerCaseAttributeNames: true, decodeEntities: true },
  );
  parser.end(text);
  if (!sawOpml) throw new Error("not an OPML file (no <opml> element)");
  return feeds;
}

/** One feed to list in an exported OPML file. */
export interface OpmlEntry {
  title: string;
  xmlUrl: string;
}

/** An OPML 2.0 subscription list, one `<outline type="rss">` per feed, as feed readers import it. */
export function writeOpml(title: string, feeds: OpmlEntry[], created: Date): string {
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<opml version="2.0">`,
    `  <head>`,
    `    <title>${escape(title)}</title>`,
    `    <dateCreated>${created.toUTCString()}</dateCreated>`,
    `  </head>`,
    `  <body>`,
    ...feeds.map((feed) => `    <outline type="rss" text="${escape(feed.title)}" title="${escape(feed.title)}" xmlUrl="${escape(feed.xmlUrl)}"/>`),
    `  </body>`,
    `</opml>`,
    "",
  ].join("\n");
}

function escape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
