import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeE2eConfig } from "../fakes/e2e-config.js";
import { serveFeed, startFeedServer, type FeedServer } from "../fakes/feed-server.js";
import { runCliCaptured } from "../fakes/run-cli.js";

// A stray closing tag and `--` inside a comment: strict XML refuses both, browsers read on.
const broken = `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Wire</title><link>https://wire.example/</link>
<!-- generated -- by an old CMS -->
<item><title>Export controls tightened</title><link>/a</link></p><guid>w-1</guid></item>
<item><title>Second story</title><link>/b</link><guid>w-2</guid></item></channel></rss>`;
const wellFormed = `<rss version="2.0"><channel><title>Wire</title><item><title>Export controls tightened</title><guid>w-1</guid></item></channel></rss>`;
const page = (feedPath: string) =>
  `<!doctype html><html><head><title>Wire news</title><link rel="stylesheet" href="/s.css">` +
  `<link rel="alternate" type="application/rss+xml" title="Wire" href="${feedPath}"></head><body><h1>Wire</h1></body></html>`;

let server: FeedServer;

beforeAll(async () => {
  server = await startFeedServer();
  server.route("/broken.xml", serveFeed({ body: broken }));
  server.route("/news/", serveFeed({ body: page("/feeds/news.xml"), contentType: "text/html; charset=utf-8" }));
  server.route("/feeds/news.xml", serveFeed({ body: wellFormed }));
});
afterAll(() => server.close());

interface FeedRow {
  health: string;
  recovered: string | null;
  discoveredFeed: string | null;
  consecutiveFailures: number;
}
const feeds = async (config: string) => (JSON.parse((await runCliCaptured(["feeds", "--config", config, "--json"])).stdout) as { feeds: FeedRow[] }).feeds;

describe("briefing feeds, for feeds as the real web writes them", () => {
  it("says a malformed feed was recovered, not failed, and stores its items", async () => {
    const config = await writeE2eConfig(server.url("/broken.xml"));
    const poll = JSON.parse((await runCliCaptured(["poll", "--once", "--config", config, "--json"])).stdout) as { failed: number; newItems: number };
    expect(poll).toMatchObject({ failed: 0, newItems: 2 });
    const [row] = await feeds(config);
    expect(row).toMatchObject({ health: "recovered", consecutiveFailures: 0 });
    expect(row!.recovered).toMatch(/malformed XML at line \d+/);
    const text = (await runCliCaptured(["feeds", "--config", config])).stdout;
    expect(text).toMatch(/^recovered\s+wire/);
    expect(text).toContain("read by a forgiving parse");
  });

  it("polls the feed a configured web page names, and remembers it", async () => {
    const config = await writeE2eConfig(server.url("/news/"));
    const before = server.requests.length;
    const poll = JSON.parse((await runCliCaptured(["poll", "--once", "--config", config, "--json"])).stdout) as { failed: number; newItems: number };
    expect(poll).toMatchObject({ failed: 0, newItems: 1 });
    expect(server.requests.slice(before).map((request) => request.path)).toEqual(["/news/", "/feeds/news.xml"]);
    const [row] = await feeds(config);
    expect(row).toMatchObject({ health: "ok", discoveredFeed: server.url("/feeds/news.xml") });
    expect((await runCliCaptured(["feeds", "--config", config])).stdout).toContain(`polling the feed it names, ${server.url("/feeds/news.xml")}`);

    const again = server.requests.length;
    await runCliCaptured(["poll", "--once", "--config", config], { now: "2026-01-15T09:00:00.000Z" });
    expect(server.requests.slice(again).map((request) => request.path)).toEqual(["/feeds/news.xml"]);
  });
});
