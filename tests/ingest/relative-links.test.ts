import { describe, expect, it } from "vitest";
import { createManualClock } from "../../src/domain/clock.js";
import { parseFeed } from "../../src/ingest/index.js";
import { serveFeed } from "../fakes/feed-server.js";
import { ingestHarness } from "../fakes/ingest-harness.js";

// Shapes real publishers write: a homepage feed with root-relative item links beside an absolute
// channel link, a release feed with root-relative Atom hrefs, xml:base on either.
const RSS = (channelLink: string, base = "") =>
  `<rss version="2.0"><channel${base}><title>Home</title>${channelLink ? `<link>${channelLink}</link>` : ""}<description>d</description>` +
  `<item><title>Story one</title><link>/content/c57f1115-0001</link></item>` +
  `<item><title>Story two</title><link>world/story-two.html</link></item></channel></rss>`;
const ATOM = (base = "", alternate = "https://code.example/acme/tool/releases") =>
  `<feed xmlns="http://www.w3.org/2005/Atom"${base}><title>Releases</title><id>tag:code.example,2008:/acme/tool/releases</id>` +
  `<link rel="alternate" type="text/html" href="${alternate}"/><link rel="self" href="https://code.example/acme/tool/releases.atom"/>` +
  `<entry><id>tag:code.example,2008:Release/1</id><title>v3.9.0</title><link rel="alternate" type="text/html" href="/acme/tool/releases/tag/v3.9.0"/><updated>2026-01-10T00:00:00Z</updated></entry></feed>`;

const now = new Date("2026-01-20T00:00:00Z");

const h = ingestHarness({ clock: createManualClock(now) });

async function linksServed(path: string, body: string, contentType = "application/rss+xml"): Promise<Array<string | null>> {
  h.server.route(path, serveFeed({ body, contentType }));
  const result = await h.ingester.poll({ id: "links", url: h.server.url(path), weight: 1 }, null);
  expect(result.error).toBeNull();
  return result.items.map((item) => item.link);
}

async function linksSaved(body: string): Promise<Array<string | null>> {
  const parsed = await parseFeed(body, { sourceId: "saved", baseUrl: null, now });
  return parsed.items.map((item) => item.link);
}

describe("relative links in RSS", () => {
  it("resolve against the channel's absolute link, not the feed host", async () => {
    expect(await linksServed("/rss-home.xml", RSS("https://www.news.example/"))).toEqual([
      "https://www.news.example/content/c57f1115-0001",
      "https://www.news.example/world/story-two.html",
    ]);
  });

  it("resolve against the URL fetched when the channel link is missing or relative", async () => {
    expect(await linksServed("/feeds/no-link.xml", RSS(""))).toEqual([h.server.url("/content/c57f1115-0001"), h.server.url("/feeds/world/story-two.html")]);
    expect(await linksServed("/feeds/rel-link.xml", RSS("/"))).toEqual([h.server.url("/content/c57f1115-0001"), h.server.url("/feeds/world/story-two.html")]);
  });

  it("resolve against xml:base before anything else", async () => {
    expect(await linksServed("/rss-base.xml", RSS("https://www.news.example/", ' xml:base="https://base.example/section/"'))).toEqual([
      "https://base.example/content/c57f1115-0001",
      "https://base.example/section/world/story-two.html",
    ]);
  });

  it("are kept in a saved file, read with no URL", async () => {
    expect(await linksSaved(RSS("https://www.news.example/"))).toEqual(["https://www.news.example/content/c57f1115-0001", "https://www.news.example/world/story-two.html"]);
    expect(await linksSaved(RSS(""))).toEqual([null, null]);
  });
});

describe("relative links in Atom", () => {
  it("resolve against the URL fetched (RFC 4287), not the alternate link", async () => {
    expect(await linksServed("/atom/releases.atom", ATOM("", "https://elsewhere.example/x/"), "application/atom+xml")).toEqual([h.server.url("/acme/tool/releases/tag/v3.9.0")]);
  });

  it("resolve against xml:base before the URL fetched", async () => {
    expect(await linksServed("/atom/based.atom", ATOM(' xml:base="https://code.example/"'), "application/atom+xml")).toEqual(["https://code.example/acme/tool/releases/tag/v3.9.0"]);
  });

  it("are kept in a saved file: xml:base, else the feed's absolute link", async () => {
    expect(await linksSaved(ATOM(' xml:base="https://mirror.example/"'))).toEqual(["https://mirror.example/acme/tool/releases/tag/v3.9.0"]);
    expect(await linksSaved(ATOM())).toEqual(["https://code.example/acme/tool/releases/tag/v3.9.0"]);
  });
});
