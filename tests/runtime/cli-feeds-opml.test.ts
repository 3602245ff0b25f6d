import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readOpml } from "../../src/ingest/opml.js";
import { runCliCaptured } from "../fakes/run-cli.js";

// Feed URLs are public IP literals: the address guard checks them without any DNS or network.
const opmlFile = new URL("../fixtures/ingest/feedly-export.opml", import.meta.url).pathname;
const CONFIG = `# Our briefing: keep this comment.
beat: China AI policy
timezone: Asia/Shanghai
sources:
  # The wire we started with.
  - { id: wire, url: "https://93.184.215.14/already.xml" }
  - { id: caixin-global-tech, url: "https://151.101.1.1/elsewhere.xml" } # an id the import must not reuse
topics:
  - { id: export-controls, name: Export controls, query: '"export controls" OR 出口管制' }
`;

async function configFile(text = CONFIG): Promise<string> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), "briefing-opml-")), "briefing.yaml");
  await writeFile(file, text);
  return file;
}

interface ImportSummary {
  added: Array<{ id: string; url: string; name: string }>;
  skipped: Array<{ title: string; reason: string }>;
}

describe("briefing feeds import", () => {
  it("adds a Feedly export's feeds to the config, keeping its comments, with ids from titles", async () => {
    const config = await configFile();
    const result = await runCliCaptured(["feeds", "import", opmlFile, "--config", config, "--json"]);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as ImportSummary;
    expect(summary.added.map(({ id, url }) => [id, url])).toEqual([
      ["caixin-global-tech-2", "https://93.184.215.14/tech/rss.xml"],
      ["151-101-1-140", "http://151.101.1.140/tech/news_tech.xml"],
      ["commerce-industry-notices", "https://151.101.65.140/notices.rss"],
      ["caixin-global-tech-3", "https://151.101.129.140/other-tech.xml"],
      ["sans-folder", "https://151.101.193.140/feed/"],
    ]);
    expect(summary.skipped.map(({ title, reason }) => [title, reason.split(" (")[0]])).toEqual([
      ["Wire", "already a source"],
      ["Metadata", "that address is not allowed"],
      ["Intranet", "that address is not allowed"],
      ["Webhook", "that URL is a chat webhook, not a feed"],
      ["Duplicate of the first", "already a source"],
    ]);

    const written = await readFile(config, "utf8");
    expect(written).toContain("# Our briefing: keep this comment.");
    expect(written).toContain("# The wire we started with.");
    expect(written).toContain("# an id the import must not reuse");
    expect(written).toContain("# China tech (imported from OPML)");
    expect(written).toContain("# Policy / Export controls (imported from OPML)");
    expect(written).toMatch(/\{ id: 151-101-1-140, url: http:\/\/151\.101\.1\.140\/tech\/news_tech\.xml, name: 新华网 科技 \}/);

    const check = await runCliCaptured(["config", "check", "--config", config]);
    expect(check.code).toBe(0);
    const again = JSON.parse((await runCliCaptured(["feeds", "import", opmlFile, "--config", config, "--json"])).stdout) as ImportSummary;
    expect(again.added).toEqual([]);
  });

  it("changes nothing on a dry run", async () => {
    const config = await configFile();
    const result = await runCliCaptured(["feeds", "import", opmlFile, "--config", config, "--dry-run"]);
    expect(result.stdout).toContain("Would add 5 sources");
    expect(await readFile(config, "utf8")).toBe(CONFIG);
  });

  it("refuses a file that is not OPML, naming the problem", async () => {
    const config = await configFile();
    const notOpml = path.join(path.dirname(config), "feed.xml");
    await writeFile(notOpml, "<rss><channel><title>x</title></channel></rss>");
    const result = await runCliCaptured(["feeds", "import", notOpml, "--config", config]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("not an OPML file");
    expect(await readFile(config, "utf8")).toBe(CONFIG);
  });
});

describe("readOpml", () => {
  it("reads Miniflux and Inoreader exports: folders, attribute case, entities", () => {
    const miniflux = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>Miniflux</title><dateCreated>Fri, 04 Dec 2026 10:00:00 UTC</dateCreated></head><body>
<outline text="All"><outline title="Ars &amp; Co" text="Ars &amp; Co" xmlUrl="https://a.example/feed" htmlUrl="https://a.example/" description="" type="rss"></outline></outline>
<outline text="China"><outline title="" text="Sixth Tone" xmlurl="https://b.example/rss" type="rss"/></outline></body></opml>`;
    expect(readOpml(miniflux)).toEqual([
      { title: "Ars & Co", xmlUrl: "https://a.example/feed", htmlUrl: "https://a.example/", categories: ["All"] },
      { title: "Sixth Tone", xmlUrl: "https://b.example/rss", htmlUrl: null, categories: ["China"] },
    ]);
  });
});

describe("briefing feeds export", () => {
  it("writes OPML a reader (and our own import) reads back", async () => {
    const config = await configFile();
    await runCliCaptured(["feeds", "import", opmlFile, "--config", config]);
    const result = await runCliCaptured(["feeds", "export", "--config", config]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<opml version="2.0">/);
    const feeds = readOpml(result.stdout);
    expect(feeds.map((feed) => feed.xmlUrl)).toHaveLength(7);
    expect(feeds).toContainEqual({ title: "Commerce & Industry Notices", xmlUrl: "https://151.101.65.140/notices.rss", htmlUrl: null, categories: [] });
    expect(feeds[0]).toMatchObject({ title: "wire", xmlUrl: "https://93.184.215.14/already.xml" });
  });

  it("says on stderr which file sources it left out, keeping stdout a clean OPML document", async () => {
    const config = await configFile(CONFIG.replace("sources:\n", "sources:\n  - { id: local-notes, path: notes.xml }\n"));
    const result = await runCliCaptured(["feeds", "export", "--config", config]);
    expect(result.code).toBe(0);
    expect(readOpml(result.stdout).map((feed) => feed.title)).toEqual(["wire", "caixin-global-tech"]);
    expect(result.stderr).toContain("left out 1 source read from local files (local-notes)");
    expect((await runCliCaptured(["feeds", "export", "--config", await configFile()])).stderr).toBe("");
  });
});
