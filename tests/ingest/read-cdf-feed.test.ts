import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseFeed } from "../../src/ingest/parse-feed.js";
import { isCdfDocument } from "../../src/ingest/read-cdf-feed.js";

const NOW = new Date("2026-01-20T00:00:00Z");
const fixture = (name: string) => readFileSync(new URL(`../fixtures/ingest/${name}`, import.meta.url), "utf8");
const parse = (text: string) => parseFeed(text, { sourceId: "test", baseUrl: "https://feeds.example.org/cdf.xml", now: NOW });

describe("CDF (Channel Definition Format)", () => {
  it("reads the channel and its items, nested channels' items included", async () => {
    const feed = await parse(fixture("cdf-channel.xml"));
    expect(feed.feed).toEqual({ title: "Example & Co news", link: "http://www.example.org/", description: "What happened today", language: null });
    expect(feed.items.map(({ title, link, summary, publishedAt, dateMissing }) => ({ title, link, summary, publishedAt, dateMissing }))).toEqual([
      { title: "First story", link: "http://www.example.org/news/story-1.html", summary: "The first one", publishedAt: "2004-04-07T04:05:43.000Z", dateMissing: false },
      { title: "Second story", link: "http://www.example.org/story-2.html", summary: "", publishedAt: "2004-04-05T10:00:00.000Z", dateMissing: false },
      { title: "Match report", link: "http://www.example.org/sport/1.html", summary: "", publishedAt: NOW.toISOString(), dateMissing: true },
    ]);
  });

  it("refuses CDF that declares unsafe entities, like any XML", async () => {
    const text = `<!DOCTYPE CHANNEL [<!ENTITY x SYSTEM "file:///etc/passwd">]><CHANNEL><TITLE>&x;</TITLE></CHANNEL>`;
    await expect(parse(text)).rejects.toThrow("external XML entities");
  });

  it.each([
    ["upper-case CDF", `<?xml version="1.0"?><!-- <rss> in a comment --><CHANNEL HREF="x"></CHANNEL>`, true],
    ["lower-case CDF after a doctype", `<!DOCTYPE channel [<!ELEMENT channel ANY>]>\n<channel></channel>`, true],
    ["RSS", `<rss version="2.0"><channel></channel></rss>`, false],
    ["a comment that mentions a channel", `<!-- <CHANNEL> --><feed xmlns="http://www.w3.org/2005/Atom"></feed>`, false],
  ])("tells %s apart", (_name, text, expected) => {
    expect(isCdfDocument(text)).toBe(expected);
  });
});
