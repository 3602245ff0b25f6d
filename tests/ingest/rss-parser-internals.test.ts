import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import Parser from "rss-parser";
import { describe, expect, it } from "vitest";
import { readXmlFeed } from "../../src/ingest/read-xml-feed.js";

// read-xml-feed.ts patches rss-parser through internals that are not its public API. An upgrade
// that renames or reshapes them must fail here, loudly, rather than quietly lose feeds.
const require = createRequire(import.meta.url);
const manifest = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { dependencies: Record<string, string> };
const installed = (require("rss-parser/package.json") as { version: string }).version;

describe("rss-parser internals we patch", () => {
  it("is pinned to one exact version, and that version is the one installed", () => {
    expect(manifest.dependencies["rss-parser"], "pin rss-parser exactly (no ^ or ~): read-xml-feed.ts patches its internals").toMatch(/^\d+\.\d+\.\d+$/);
    expect(installed, "the installed rss-parser differs from the pinned one; re-check read-xml-feed.ts before upgrading").toBe(manifest.dependencies["rss-parser"]);
  });

  it.each(["buildAtomFeed", "parseItemAtom", "buildRSS", "buildRSS1", "parseItemRss"])("still has Parser.prototype.%s", (name) => {
    expect(typeof (Parser.prototype as unknown as Record<string, unknown>)[name], `rss-parser no longer has ${name}; read-xml-feed.ts must be rewritten`).toBe("function");
  });

  it("still keeps a resettable xml2js parser and a replaceable getSnippet", () => {
    const parser = new Parser() as unknown as { xmlParser?: { reset?: unknown } };
    expect(typeof parser.xmlParser?.reset, "rss-parser no longer exposes xmlParser.reset").toBe("function");
    const utils = require("rss-parser/lib/utils.js") as { getSnippet?: unknown };
    expect(typeof utils.getSnippet, "rss-parser/lib/utils.js no longer has getSnippet").toBe("function");
  });

  it("goes through the patched builders: raw nodes reach our field reader, the snippet regex is off", async () => {
    const utils = require("rss-parser/lib/utils.js") as { getSnippet: (html: string) => string };
    const rss = await readXmlFeed(`<rss version="2.0"><channel><title>T</title><item><title>A</title><description>&lt;p&gt;x&lt;/p&gt;</description><guid>g1</guid></item></channel></rss>`, 10);
    expect(rss).toMatchObject({ format: "rss", entries: [{ guid: "g1", title: { value: "A" } }] });
    const atom = await readXmlFeed(`<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><id>e1</id><title>B</title><updated>not a date</updated></entry><entry><id>e2</id><title>C</title></entry></feed>`, 10);
    expect(atom.entries.map((entry) => entry.guid)).toEqual(["e1", "e2"]);
    expect(utils.getSnippet("<p>" + "a<p".repeat(10) + "</p>")).toBe("");
  });
});
