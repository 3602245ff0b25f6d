import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createManualClock } from "../../src/domain/clock.js";
import { createCliContext } from "../../src/runtime/cli/cli-context.js";
import { registerParseCommand } from "../../src/runtime/cli/commands/parse-command.js";
import { serveFeed, startFeedServer, type FeedServer } from "../fakes/feed-server.js";

const fixture = new URL("../fixtures/ingest/relative-links.xml", import.meta.url);
let server: FeedServer;

async function parse(args: string[]): Promise<{ stdout: string; error: Error | null }> {
  let stdout = "";
  const ctx = createCliContext({
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: () => true },
    env: { LOG_LEVEL: "silent" },
    clock: createManualClock("2026-01-20T00:00:00.000Z"),
    stopSignal: new Promise(() => undefined),
  });
  const program = new Command("briefing").exitOverride();
  registerParseCommand(program, ctx);
  const error = await program.parseAsync(["parse", ...args], { from: "user" }).then(() => null, (caught: Error) => caught);
  return { stdout, error };
}

beforeAll(async () => {
  server = await startFeedServer();
  server.route("/feed.xml", serveFeed({ body: `<rss version="2.0"><channel><title>Served</title><link>/</link><item><title>A</title><link>/a?utm_medium=x</link></item></channel></rss>` }));
  server.route("/", serveFeed({
    contentType: "text/html; charset=utf-8",
    body: `<!doctype html><html><head><title>Home</title><link rel="alternate" type="application/rss+xml" title="News" href="/feed.xml"></head><body>Hi</body></html>`,
  }));
});
afterAll(async () => {
  await server.close();
});

describe("briefing parse", () => {
  it("prints a local file's normalised feed as JSON", async () => {
    const { stdout, error } = await parse([fixture.pathname, "--json"]);
    expect(error).toBeNull();
    const parsed = JSON.parse(stdout) as { feed: Record<string, unknown>; items: Array<Record<string, unknown>> };
    expect(parsed.feed).toEqual({ title: "Relative & tracked", link: "https://news.example.org/", description: "Links the way real CMSs write them", language: "en-gb" });
    expect(Object.keys(parsed.items[0]!)).toEqual(
      expect.arrayContaining(["id", "guid", "link", "url", "title", "summary", "author", "publishedAt", "dateMissing"]),
    );
    expect(parsed.items[0]).toMatchObject({ id: "story-7", url: "https://news.example.org/section/2026/01/story.html?id=7", publishedAt: "2026-01-14T13:30:00.000Z" });
  });

  it("fetches a URL, resolving links against it", async () => {
    const { stdout } = await parse([server.url("/feed.xml"), "--json", "--allow-private-networks"]);
    const parsed = JSON.parse(stdout) as { feed: { link: string }; items: Array<{ link: string; url: string }> };
    expect(parsed.feed.link).toBe(server.url("/"));
    expect(parsed.items[0]).toMatchObject({ link: server.url("/a?utm_medium=x"), url: server.url("/a") });
  });

  it("follows a web page to the feed it names, and says which URL it read", async () => {
    const { stdout, error } = await parse([server.url("/"), "--json", "--allow-private-networks"]);
    expect(error).toBeNull();
    const parsed = JSON.parse(stdout) as { discoveredFeed: string; feed: { title: string }; items: Array<{ url: string }> };
    expect(parsed).toMatchObject({ discoveredFeed: server.url("/feed.xml"), feed: { title: "Served" }, items: [{ url: server.url("/a") }] });
    expect((await parse([server.url("/"), "--allow-private-networks"])).stdout).toContain(`read the feed it names: ${server.url("/feed.xml")}`);
  });

  it("keeps relative links of a saved RSS file, resolved against the channel's own link", async () => {
    const dir = mkdtempSync(join(tmpdir(), "briefing-parse-"));
    const file = join(dir, "home.xml");
    writeFileSync(file, `<rss version="2.0"><channel><title>Home</title><link>https://www.news.example</link><item><title>Story</title><link>/content/c57f1115-0001</link></item></channel></rss>`);
    const parsed = JSON.parse((await parse([file, "--json"])).stdout) as { items: Array<{ link: string }> };
    expect(parsed.items[0]!.link).toBe("https://www.news.example/content/c57f1115-0001");
  });

  it("refuses a private address unless told otherwise, and says how", async () => {
    const { error } = await parse([server.url("/feed.xml"), "--json"]);
    expect(error?.message).toMatch(/^that address is not allowed .*add --allow-private-networks$/);
  });

  it("marks undated and impossibly dated items apart", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "briefing-parse-")), "dates.xml");
    writeFileSync(file, `<rss version="2.0"><channel><title>Dates</title><link>https://d.example/</link>
<item><title>Epoch</title><link>https://d.example/1</link><pubDate>Thu, 01 Jan 1970 00:00:00 GMT</pubDate></item>
<item><title>Undated</title><link>https://d.example/2</link></item></channel></rss>`);
    const { stdout } = await parse([file]);
    expect(stdout).toContain("2026-01-20T00:00:00.000Z* Epoch");
    expect(stdout).not.toContain("1970");
    expect(stdout).toContain("* no date in the feed: first-seen time");
    expect(stdout).toContain("* a date that cannot be true (before 1995, or more than a day ahead)");
    const items = (JSON.parse((await parse([file, "--json"])).stdout) as { items: Array<{ title: string; dateMissing: boolean; dateImplausible?: boolean }> }).items;
    expect(items.map(({ title, dateMissing, dateImplausible }) => [title, dateMissing, dateImplausible ?? false])).toEqual([["Epoch", true, true], ["Undated", true, false]]);
  });

  it("names the file it could not read", async () => {
    const missing = join(mkdtempSync(join(tmpdir(), "briefing-parse-")), "gone.xml");
    expect((await parse([missing])).error?.message).toBe(`${missing}: the file does not exist`);
  });

  it("reads a source of the default config by its id, and says when a name is neither a file nor a source", async () => {
    const { stdout, error } = await parse(["chip-daily"]);
    expect(error).toBeNull();
    expect(stdout).toContain("Chip Daily (sample)");
    expect((await parse(["no-such-source"])).error?.message).toMatch(/^"no-such-source" is neither a file nor a source of config\/briefing\.yaml; its sources are policy-wire, chip-daily, zh-tech$/);
  });

  it("prints a readable listing without --json", async () => {
    const { stdout } = await parse([fixture.pathname]);
    expect(stdout).toContain("Relative & tracked");
    expect(stdout).toContain("3 items");
  });
});
