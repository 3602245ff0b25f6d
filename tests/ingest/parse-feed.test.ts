import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { FetchError } from "../../src/ingest/fetch-error.js";
import { parseFeed } from "../../src/ingest/parse-feed.js";

const NOW = new Date("2026-01-20T00:00:00Z");
const fixture = (name: string) => readFileSync(new URL(`../fixtures/ingest/${name}`, import.meta.url), "utf8");
const parse = (text: string, baseUrl: string | null = "https://feeds.example.org/feed.xml", maxItems?: number) =>
  parseFeed(text, { sourceId: "test", baseUrl, now: NOW, maxItems });
const failure = (text: string) => parse(text).then(() => null, (error: unknown) => error as FetchError);
const rss = (items: string, channel = "<title>T</title>") => `<rss version="2.0"><channel>${channel}${items}</channel></rss>`;

describe("hostile XML", () => {
  it.each([
    ["billion laughs", fixture("billion-laughs.xml")],
    ["an external entity (XXE)", fixture("xxe.xml")],
  ])("rejects %s quickly, without expanding anything", async (_name, text) => {
    const error = await failure(text);
    expect(error?.kind).toBe("not-a-feed");
    expect(error?.message).toContain("entities");
  });

  it("reads a feed whose description would make rss-parser's snippet regex quadratic", async () => {
    const feed = await parse(rss(`<item><title>ReDoS</title><description>${"a&lt;p".repeat(40_000)}</description></item>`));
    expect(feed.items[0]?.title).toBe("ReDoS");
  });

  it("survives prototype-pollution element names", async () => {
    const feed = await parse(rss(`<item><__proto__><polluted>yes</polluted></__proto__><constructor>x</constructor><title>ok</title></item>`));
    expect(feed.items[0]?.title).toBe("ok");
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });

  it("accepts HTML entities and stray ampersands that strict XML would refuse", async () => {
    const feed = await parse(rss("", "<title>AT&T&nbsp;&hellip; &rsquo;quoted&rsquo; &bogus;</title>"));
    expect(feed.feed.title).toBe("AT&T ... ’quoted’ &bogus;");
  });
});

describe("not a feed", () => {
  it.each([
    ["an <rss> with no <channel>", `<rss version="2.0"></rss>`, "incomplete"],
    ["an empty body", "   ", "empty"],
    ["JSON that is not a JSON Feed", `{"hello": "world"}`, "not a JSON Feed"],
    ["a document cut short before anything readable", `<rss version="2.0"><channel><ite`, "malformed XML"],
    ["an HTML page", `<!DOCTYPE html><html><head><title>Home</title></head></html>`, "web page"],
    ["some other XML", `<svg xmlns="http://www.w3.org/2000/svg"></svg>`, "neither RSS nor Atom"],
  ])("refuses %s", async (_name, text, words) => {
    const error = await failure(text);
    expect(error?.kind).toBe("not-a-feed");
    expect(error?.message).toContain(words);
  });
});

describe("quirks of real feeds", () => {
  it("reads a feed that carries an XHTML doctype before its <rss>", async () => {
    const feed = await parse(`<?xml version="1.0"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n${rss("<item><title>A</title></item>", "<title>found</title>")}`);
    expect([feed.feed.title, feed.items.map((item) => item.title)]).toEqual(["found", ["A"]]);
    expect((await failure(`<!DOCTYPE html>\n<head><title>Page</title></head><body>hi</body>`))?.message).toContain("web page");
  });

  it("reads hexadecimal character references written with a capital X", async () => {
    const feed = await parse(rss("<item><title>&#X41;&#x42;&#X4e2d;</title></item>"));
    expect(feed.items[0]!.title).toBe("AB中");
  });
});

describe("a document without elements", () => {
  // xml2js under rss-parser is shared between parses and kept a flag from the previous document.
  it("is refused promptly, even right after a good feed", { timeout: 3_000 }, async () => {
    await parse(rss(`<item><title>ok</title><guid>1</guid></item>`));
    const error = await failure("<!-- nothing but a comment -->\n");
    expect(error?.kind).toBe("not-a-feed");
  });
});

describe("one bad entry among good ones", () => {
  it("repairs or keeps the others in an Atom feed", async () => {
    const feed = await parse(fixture("atom-one-bad-entry.xml"));
    expect(feed.feed).toEqual({ title: "A mixed feed", link: "https://blog.example.com/", description: null, language: null });
    expect(feed.items.map((item) => [item.title, item.link, item.publishedAt, item.dateMissing])).toEqual([
      ["Good one", "https://blog.example.com/posts/1", "2026-01-10T09:00:00.000Z", false],
      ["Garbage date", "https://blog.example.com/posts/2", NOW.toISOString(), true],
      ["Link without href", null, "2026-01-11T09:00:00.000Z", false],
      ["Title in markup", "https://blog.example.com/posts/4", "2026-01-12T08:00:00.000Z", false],
    ]);
    expect(feed.items[3]?.summary).toBe("Body with a link");
  });

  it.each([
    ["a title that is markup", `<item><title><b>bold</b> news</title><guid>1</guid></item>`, "bold news"],
    ["a repeated title", `<item><title>first</title><title>second</title><guid>1</guid></item>`, "first"],
    ["an escaped-markup title", `<item><title>&lt;i&gt;x&lt;/i&gt; &amp;amp; y</title><guid>1</guid></item>`, "x & y"],
  ])("normalises %s to a string", async (_name, item, title) => {
    const feed = await parse(rss(`${item}<item><title>next</title><guid>2</guid></item>`));
    expect(feed.items.map((entry) => entry.title)).toEqual([title, "next"]);
  });
});

describe("formats", () => {
  it.each([
    ["RSS 0.91", `<rss version="0.91"><channel><title>Old</title><item><title>I</title><link>http://a.example/1</link></item></channel></rss>`],
    [
      "RSS 1.0 (RDF)",
      `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel><title>Old</title></channel><item rdf:about="http://a.example/1"><title>I</title><link>http://a.example/1</link></item></rdf:RDF>`,
    ],
    ["Atom 0.3", `<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Old</title><entry><title>I</title><link rel="alternate" href="http://a.example/1"/></entry></feed>`],
    ["RSS without a version", `<rss><channel><title>Old</title><item><title>I</title><link>http://a.example/1</link></item></channel></rss>`],
  ])("reads %s", async (_name, text) => {
    const feed = await parse(text);
    expect(feed.feed.title).toBe("Old");
    expect(feed.items.map((item) => [item.title, item.link])).toEqual([["I", "http://a.example/1"]]);
  });

  it("reads RSS core elements written in another letter case when the lower-case one is missing", async () => {
    const feed = await parse(
      `<rss xmlns:itunes="http://www.itunes.com/DTDs/Podcast-1.0.dtd"><channel><TiTlE>Podcast</TiTlE><LINK>https://pod.example/</LINK>` +
        `<item><Title>Episode 1</Title><Link>https://pod.example/1</Link><DESCRIPTION>About it</DESCRIPTION></item>` +
        `<item><TITLE>upper</TITLE><title>lower</title><guid>2</guid></item></channel></rss>`,
    );
    expect(feed.feed.title).toBe("Podcast");
    expect(feed.feed.link).toBe("https://pod.example/");
    expect(feed.items.map(({ title, link, summary }) => [title, link, summary])).toEqual([
      ["Episode 1", "https://pod.example/1", "About it"],
      ["lower", null, ""],
    ]);
  });

  it("reads JSON Feed 1.1", async () => {
    const feed = await parse(fixture("json-feed-1.1.json"), null);
    expect(feed.feed).toEqual({ title: "JSON Feed sample", link: "https://json.example.net/", description: null, language: "zh-cn" });
    expect(feed.items.map(({ id, guid, url, title, summary, author, publishedAt }) => ({ id, guid, url, title, summary, author, publishedAt }))).toEqual([
      { id: "2", guid: "2", url: "https://json.example.net/2", title: "Second", summary: "Hello JSON", author: "Item Author", publishedAt: "2026-01-02T02:00:00.000Z" },
      { id: "1", guid: "1", url: "https://json.example.net/1", title: "No title here", summary: "No title here", author: "Feed Author", publishedAt: "2026-01-01T00:00:00.000Z" },
    ]);
  });

  it("reads JSON Feed 1.0", async () => {
    const feed = await parse(fixture("json-feed-1.0.json"));
    expect(feed.items[0]).toMatchObject({ title: "One", summary: "Short", link: "https://elsewhere.example.com/a", author: "Old Style", dateMissing: true });
  });
});

describe("normalising", () => {
  it("resolves relative links and drops tracking parameters", async () => {
    const feed = await parse(fixture("relative-links.xml"));
    expect(feed.feed.link).toBe("https://news.example.org/");
    expect(feed.feed.language).toBe("en-gb");
    expect(feed.items.map(({ id, link, url, publishedAt }) => ({ id, link, url, publishedAt }))).toEqual([
      {
        id: "story-7",
        link: "https://news.example.org/section/2026/01/story.html?utm_source=rss&utm_medium=feed&id=7",
        url: "https://news.example.org/section/2026/01/story.html?id=7",
        publishedAt: "2026-01-14T13:30:00.000Z",
      },
      {
        id: "https://news.example.org/2026/01/other.html?page=2",
        link: "https://news.example.org/2026/01/other.html?fbclid=abc&page=2#comments",
        url: "https://news.example.org/2026/01/other.html?page=2",
        publishedAt: "2026-01-14T02:00:00.000Z",
      },
      {
        id: "https://news.example.org/2026/01/amp-story/",
        link: "https://news-example-org.cdn.ampproject.org/c/s/news.example.org/2026/01/amp-story/amp/?gclid=zz",
        url: "https://news.example.org/2026/01/amp-story/",
        publishedAt: NOW.toISOString(),
      },
    ]);
  });

  it.each([
    ["a path", "/relative/link", "https://feeds.example.org/relative/link"],
    ["a relative path", "../stories/3", "https://feeds.example.org/stories/3"],
    ["an opaque key", "feed-1-story-3", "feed-1-story-3"],
    ["a key with a slash", "post/123", "post/123"],
    ["a tag: URI", "tag:example.com,2026:/blog/1", "tag:example.com,2026:/blog/1"],
    ["a URN", "urn:uuid:5f0b0d0e-0000-4000-8000-000000000001", "urn:uuid:5f0b0d0e-0000-4000-8000-000000000001"],
  ])("resolves a guid against the feed's URL only when it is a URL path: %s", async (_name, guid, expected) => {
    const feed = await parse(rss(`<item><title>t</title><guid isPermaLink="false">${guid}</guid></item>`));
    expect(feed.items[0]?.guid).toBe(expected);
    // The identity stays the guid as published, so a feed that moves keeps its items' ids.
    expect(feed.items[0]?.id).toBe(guid);
  });

  it("resolves an Atom id written as a path against xml:base", async () => {
    const feed = await parse(`<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://base.example.net/blog/"><title>B</title><entry><id>/entries/1</id><title>t</title></entry></feed>`);
    expect(feed.items[0]?.guid).toBe("https://base.example.net/entries/1");
  });

  it("keeps the published spelling of a link's host, and folds it in the canonical url", async () => {
    const feed = await parse(rss(`<item><title>t</title><link>http://item.TEST/Path</link><image><link>http://item.TEST/imagelink</link></image></item>`));
    expect(feed.items.map(({ link, url }) => [link, url])).toEqual([["http://item.TEST/Path", "http://item.test/Path"]]);
  });

  it("cleans text: NFKC, no control, zero-width or bidi characters, folded whitespace", async () => {
    const feed = await parse(rss(`<item><title>  Ｈ２００\u0001 chips\u200B \u202Eflip\u202C\n\n  news </title><guid>1</guid></item>`));
    expect(feed.items[0]?.title).toBe("H200 chips flip news");
  });

  it("collapses two entries sharing a guid into one item", async () => {
    const feed = await parse(rss(`<item><title>a</title><guid>same</guid></item><item><title>b</title><guid>same</guid></item>`));
    expect(feed.items.map((item) => item.title)).toEqual(["a"]);
  });

  it("hashes entries with neither guid nor link into a stable id", async () => {
    const text = rss(`<item><title>lonely</title><pubDate>Wed, 14 Jan 2026 08:30:00 GMT</pubDate></item>`);
    const [first, second] = await Promise.all([parse(text), parse(text)]);
    expect(first.items[0]?.id).toMatch(/^sha256:[0-9a-f]{32}$/);
    expect(first.items[0]?.id).toBe(second.items[0]?.id);
  });

  it("clamps slightly future dates to the fetch time, and treats missing and impossible ones as undated", async () => {
    const soon = new Date(NOW.getTime() + 3_600_000).toUTCString();
    const feed = await parse(
      rss(
        `<item><title>an hour ahead</title><guid>1</guid><pubDate>${soon}</pubDate></item><item><title>undated</title><guid>2</guid></item>` +
          `<item><title>2099</title><guid>3</guid><pubDate>Fri, 01 Jan 2099 00:00:00 GMT</pubDate></item>` +
          `<item><title>epoch</title><guid>4</guid><pubDate>Thu, 01 Jan 1970 00:00:00 GMT</pubDate></item>` +
          `<item><title>1994</title><guid>5</guid><pubDate>Sat, 31 Dec 1994 23:00:00 GMT</pubDate></item>`,
      ),
    );
    expect(feed.items.map((item) => [item.title, item.publishedAt, item.dateMissing])).toEqual([
      ["an hour ahead", NOW.toISOString(), false],
      ["undated", NOW.toISOString(), true],
      ["2099", NOW.toISOString(), true],
      ["epoch", NOW.toISOString(), true],
      ["1994", NOW.toISOString(), true],
    ]);
  });

  it("keeps only the newest items of a huge feed", async () => {
    const items = Array.from({ length: 50 }, (_, i) => `<item><title>n${i}</title><guid>${i}</guid><pubDate>${new Date(Date.UTC(2025, 0, 1 + ((i * 7) % 50))).toUTCString()}</pubDate></item>`);
    const feed = await parse(rss(items.join("")), null, 5);
    expect(feed.items).toHaveLength(5);
    expect(feed.items.map((item) => item.publishedAt).sort()).toEqual(["2025-02-15", "2025-02-16", "2025-02-17", "2025-02-18", "2025-02-19"].map((d) => `${d}T00:00:00.000Z`));
  });
});
