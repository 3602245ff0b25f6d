import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { serveFeed } from "../fakes/feed-server.js";
import { ingestHarness } from "../fakes/ingest-harness.js";

const ITEMS =
  `<item><title>First story</title><link>https://wire.example/1</link><guid>w-1</guid><pubDate>Mon, 12 Jan 2026 09:00:00 GMT</pubDate></item>` +
  `<item><title>Second &amp; last</title><link>https://wire.example/2</link><guid>w-2</guid><description><![CDATA[<p>Body <b>text</b></p>]]></description></item>`;
const rss = (inner: string, tail = "</channel></rss>") => `<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Wire</title><link>https://wire.example/</link>\n${inner}${tail}`;

const h = ingestHarness();

async function poll(path: string, body: string) {
  h.server.route(path, serveFeed({ body }));
  return h.ingester.poll({ id: path.slice(1), url: h.server.url(path), weight: 1 }, null);
}

describe("feeds that are not well-formed XML", () => {
  it.each([
    ["a stray closing tag inside an item", rss(ITEMS.replace("<guid>w-1</guid>", "</p><guid>w-1</guid>")), "Unexpected close tag"],
    ["a stray closing tag between items", rss(`</div>${ITEMS}`), "Unexpected close tag"],
    ["`--` inside a comment", rss(`<!-- built -- by hand -->${ITEMS}`), "Malformed comment"],
    ["a BOM inside a comment with `--`", rss(`<!-- \uFEFF -- -->${ITEMS}`), "Malformed comment"],
    ["an unclosed item", rss(ITEMS.replace("</item>", "")), "Unexpected close tag"],
    ["a document cut short", rss(ITEMS, "</chan"), "malformed XML"],
    ["an unquoted attribute", rss(ITEMS.replace("<guid>w-1", "<guid isPermaLink=false>w-1")), "Unquoted attribute value"],
    ["a bare < in a title", rss(ITEMS.replace("First story", "First story <3")), "malformed XML"],
    ["a BOM after a blank line, before the declaration", `\n\uFEFF${rss(ITEMS)}`, "Non-whitespace before first tag"],
    ["stray text before the declaration", `Warning: headers already sent\n${rss(ITEMS)}`, "Non-whitespace before first tag"],
    ["a stray </channel> between items", rss(ITEMS.replace("</item>", "</item></channel>")), "Unexpected close tag"],
  ])("recovers the items of %s and says so", async (_name, body, reason) => {
    const result = await poll(`/broken-${Math.random().toString(36).slice(2)}.xml`, body);
    expect(result.error).toBeNull();
    expect(result.status).toBe("fetched");
    expect(result.items.map((item) => [item.id, item.title.replace(" <3", ""), item.url])).toEqual([
      ["w-1", "First story", "https://wire.example/1"],
      ["w-2", "Second & last", "https://wire.example/2"],
    ]);
    expect(result.items[1]!.summary).toBe("Body text");
    expect(result.state.recovered).toContain(reason);
  });

  it("recovers a broken Atom feed, links and dates included", async () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>Rel</title><link href="https://code.example/"/>` +
      `<entry><id>e-1</id><title>v1</title><link href="/r/v1"/></br><updated>2026-01-10T00:00:00Z</updated></entry></feed>`;
    const result = await poll("/broken.atom", atom);
    expect(result.items).toMatchObject([{ id: "e-1", title: "v1", url: h.server.url("/r/v1"), publishedAt: "2026-01-10T00:00:00.000Z" }]);
    expect(result.state.recovered).toContain("Unexpected close tag");
  });

  it("clears the mark once the feed is well-formed again", async () => {
    const first = await poll("/mended.xml", rss(`</div>${ITEMS}`));
    expect(first.state.recovered).not.toBeNull();
    h.server.route("/mended.xml", serveFeed({ body: rss(ITEMS) }));
    const second = await h.ingester.poll({ id: "mended.xml", url: h.server.url("/mended.xml"), weight: 1 }, first.state);
    expect(second.state.recovered).toBeNull();
  });

  it.each([
    ["a web page", "<!doctype html><html><body></p>Hello</body></html>", "web page"],
    ["markup with no feed in it", "<data></x><value>1</value></data>", "not a valid RSS/Atom feed"],
    ["an entity bomb in a broken feed", readFileSync(new URL("../fixtures/ingest/billion-laughs.xml", import.meta.url), "utf8").replace("</channel>", "</p></channel>"), "entity expansion"],
    ["an XXE in a broken feed", readFileSync(new URL("../fixtures/ingest/xxe.xml", import.meta.url), "utf8").replace("</channel>", "</p></channel>"), "XXE"],
  ])("still fails %s, saying why", async (_name, body, words) => {
    const result = await poll(`/not-${Math.random().toString(36).slice(2)}.xml`, body);
    expect(result.status).toBe("failed");
    expect(result.error?.message).toContain(words);
  });
});
