import { beforeAll, describe, expect, it } from "vitest";
import { findFeedLinks } from "../../src/ingest/find-feed-links.js";
import { serveFeed, status } from "../fakes/feed-server.js";
import { ingestHarness } from "../fakes/ingest-harness.js";

const feed = (title: string) => `<rss version="2.0"><channel><title>${title}</title><item><title>${title} story</title><guid>${title}-1</guid></item></channel></rss>`;
const page = (head: string) => `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Site</title>${head}</head><body><p>Hello</p></body></html>`;

// Only the test server's own address counts as public: a page naming any other is refused.
const h = ingestHarness({ allowPrivateNetworks: false, isAllowedAddress: (address) => address === "127.0.0.1", allowedPorts: "any" });
beforeAll(() => {
  h.server.route("/feed.xml", serveFeed({ body: feed("Main") }));
  h.server.route("/comments.xml", serveFeed({ body: feed("Comments") }));
});

const html = (body: string) => serveFeed({ body, contentType: "text/html; charset=utf-8" });

describe("feed discovery from a web page", () => {
  it("finds alternate feed links in page order, resolved against <base> and the page", () => {
    const links = findFeedLinks(
      page(`<base href="https://cdn.example/site/"><link rel="stylesheet" href="/s.css"><link rel="alternate" type="text/html" hreflang="fr" href="/fr/">
<link rel="alternate" type="application/rss+xml" title="Main" href="feed.xml"><link rel="Alternate Feed" type="application/atom+xml" href="https://example.org/atom">
<link rel="alternate" type="application/feed+json" href="/feed.json"><link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">`),
      "https://example.org/news/",
    );
    expect(links).toEqual(["https://cdn.example/site/feed.xml", "https://example.org/atom", "https://cdn.example/feed.json"]);
    expect(findFeedLinks(page(`<link rel="alternate" type="application/rss+xml" href="/feed">`), null)).toEqual([]);
  });

  it("polls the page's first feed and remembers it, then polls that feed directly", async () => {
    h.server.route("/blog/", html(page(`<link rel="alternate" type="application/rss+xml" href="/feed.xml"><link rel="alternate" type="application/rss+xml" href="/comments.xml">`)));
    const source = { id: "blog", url: h.server.url("/blog/"), weight: 1 };
    const first = await h.ingester.poll(source, null);
    expect(first.items.map((item) => item.title)).toEqual(["Main story"]);
    expect(first.state).toMatchObject({ location: h.server.url("/blog/"), discoveredFeed: h.server.url("/feed.xml"), lastError: null });
    const before = h.server.requests.length;
    const second = await h.ingester.poll(source, { ...first.state, etag: null });
    expect(second.status).toBe("fetched");
    expect(h.server.requests.slice(before).map((request) => request.path)).toEqual(["/feed.xml"]);
  });

  it("goes back to the page when the discovered feed is gone", async () => {
    h.server.route("/moving/", html(page(`<link rel="alternate" type="application/rss+xml" href="/moving/old.xml">`)));
    h.server.route("/moving/old.xml", serveFeed({ body: feed("Old") }));
    const source = { id: "moving", url: h.server.url("/moving/"), weight: 1 };
    const first = await h.ingester.poll(source, null);
    h.server.route("/moving/old.xml", status(404));
    const failed = await h.ingester.poll(source, first.state);
    expect(failed).toMatchObject({ status: "failed", state: { discoveredFeed: null } });
    h.server.route("/moving/", html(page(`<link rel="alternate" type="application/rss+xml" href="/feed.xml">`)));
    const again = await h.ingester.poll(source, failed.state);
    expect(again.state.discoveredFeed).toBe(h.server.url("/feed.xml"));
  });

  it("checks the discovered URL with the address guard", async () => {
    h.server.route("/sneaky/", html(page(`<link rel="alternate" type="application/rss+xml" href="http://169.254.169.254:${h.server.port}/feed.xml">`)));
    const result = await h.ingester.poll({ id: "sneaky", url: h.server.url("/sneaky/"), weight: 1 }, null);
    expect(result.status).toBe("failed");
    expect(result.error).toMatchObject({ kind: "blocked-address" });
    expect(h.server.requests.at(-1)?.path).toBe("/sneaky/");
  });

  it("says a page names no feed", async () => {
    h.server.route("/plain/", html(page("")));
    const result = await h.ingester.poll({ id: "plain", url: h.server.url("/plain/"), weight: 1 }, null);
    expect(result.error?.message).toContain("web page (HTML) that names no feed");
  });
});
