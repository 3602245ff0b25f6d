import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { FetchError } from "../../src/ingest/fetch-error.js";
import { expandInternalEntities, MAX_ENTITIES } from "../../src/ingest/internal-entities.js";
import { parseFeed } from "../../src/ingest/parse-feed.js";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/ingest/${name}`, import.meta.url), "utf8");
const parse = (text: string) => parseFeed(text, { sourceId: "test", baseUrl: "https://feeds.example.org/feed.xml", now: new Date("2026-01-20T00:00:00Z") });
const failure = (text: string) => parse(text).then(() => null, (error: unknown) => error as FetchError);
const withSubset = (subset: string, body = "<title>&a;</title>") => `<?xml version="1.0"?>\n<!DOCTYPE rss [\n${subset}\n]>\n<rss version="2.0"><channel>${body}</channel></rss>`;

describe("entities a feed declares itself", () => {
  it("expands plain-text internal entities in text and attributes, not in CDATA, and drops the DTD", async () => {
    const feed = await parse(fixture("internal-entities.xml"));
    expect(feed.feed.title).toBe('News from Jo "the editor" Bloggs');
    expect(feed.items.map(({ guid, title, link, summary }) => ({ guid, title, link, summary }))).toEqual([
      { guid: "tag:example.com,2006-05-04:/blog/", title: 'Quoted Jo "the editor" Bloggs', link: "https://example.com/posts/1", summary: "&id; stays literal in CDATA" },
    ]);
  });

  it("leaves a document that declares no entities exactly as it was", () => {
    const text = `<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">\n<rss><channel><title>&nbsp;&amp;</title></channel></rss>`;
    expect(expandInternalEntities(text)).toBe(text);
  });

  it("keeps references it does not know for the HTML-entity pass, and the first of two declarations", () => {
    const text = withSubset(`<!ENTITY a "first"><!ENTITY a "second">`, "<title>&a; &hellip; &b;</title>");
    expect(expandInternalEntities(text)).toBe(`<?xml version="1.0"?>\n\n<rss version="2.0"><channel><title>first &hellip; &b;</title></channel></rss>`);
  });

  it.each([
    ["billion laughs (nested entities)", fixture("billion-laughs.xml"), "refer to other entities"],
    ["recursive entities", withSubset(`<!ENTITY a "&b;"><!ENTITY b "&a;">`), "refer to other entities"],
    ["a character reference that becomes markup", withSubset(`<!ENTITY a "&#60;script>">`), "refer to other entities"],
    ["markup in an entity", withSubset(`<!ENTITY a "<b>bold</b>">`), "contain markup"],
    ["an external entity (XXE, SYSTEM)", fixture("xxe.xml"), "external XML entities"],
    ["an external entity (PUBLIC)", withSubset(`<!ENTITY a PUBLIC "-//Evil//EN" "http://evil.example/a.ent">`), "external XML entities"],
    ["a parameter entity", withSubset(`<!ENTITY % p SYSTEM "http://evil.example/p.dtd"> %p;`), "parameter entities"],
    ["a parameter-entity reference", withSubset(`%p; <!ENTITY a "x">`), "cannot be read safely"],
    ["a new meaning for &amp;", withSubset(`<!ENTITY amp "x">`), "XML's own entities"],
    ["an entity declared outside a DOCTYPE", `<!ENTITY a "x">\n<rss version="2.0"><channel><title>&a;</title></channel></rss>`, "outside a DTD"],
    ["too many entities", withSubset(Array.from({ length: MAX_ENTITIES + 1 }, (_, i) => `<!ENTITY e${i} "x">`).join("\n")), `more than ${MAX_ENTITIES}`],
    ["a subset that never ends", `<!DOCTYPE rss [ <!ENTITY a "x">\n<rss version="2.0"><channel><title>&a;</title></channel></rss>`, "cannot be read safely"],
  ])("refuses %s", async (_name, text, words) => {
    const error = await failure(text);
    expect(error?.kind).toBe("not-a-feed");
    expect(error?.message).toContain(words);
  });

  it("refuses one large entity used 100,000 times before expanding it, in bounded time", async () => {
    const text = withSubset(`<!ENTITY a "${"x".repeat(1000)}">`, `<title>${"&a;".repeat(100_000)}</title>`);
    const started = performance.now();
    const error = await failure(text);
    expect(error?.message).toContain("would add more than");
    // Expanding it would build a 100 MB title; refusing takes a few milliseconds.
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
