import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/config/config-error.js";
import { loadConfig, parseConfigText } from "../../src/config/load-config.js";
import { checkQueries } from "../../src/runtime/query-check.js";

const fixture = (name: string) => path.join(import.meta.dirname, "../fixtures/config", name);

async function configErrorOf(run: () => Promise<unknown>): Promise<ConfigError> {
  const error = await run().then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

describe("loadConfig", () => {
  it("loads the bundled config with defaults filled in and source paths resolved", async () => {
    const { config } = await loadConfig(path.join(import.meta.dirname, "../../config/briefing.yaml"), [checkQueries]);
    expect(config.topics.map((t) => t.id)).toEqual(["china-ai-rules", "ai-chips", "export-controls"]);
    expect(config.poll.every).toBe(600_000);
    expect(config.poll.max_bytes).toBe(10 * 1024 * 1024);
    expect(config.digests[0]?.to).toEqual({ platform: "console" });
    for (const source of config.sources) expect(path.isAbsolute(source.path ?? "")).toBe(true);
  });

  it("reports every problem of a broken file at once, each with its path", async () => {
    const error = await configErrorOf(() => loadConfig(fixture("broken.yaml"), [checkQueries]));
    const paths = error.issues.map((issue) => issue.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "timezone",
        "poll.every",
        "sources[1].id",
        "sources[1].url",
        "topics[1].query",
        "digests[0].to",
        "digests[0].schedule",
        "",
      ]),
    );
    expect(error.message).toContain(fixture("broken.yaml"));
    expect(error.message).toMatch(/unknown key "colour"/);
    expect(error.message).toMatch(/Mars\/Olympus_Mons" is not an IANA time zone/);
  });

  it("lists repeated ids and unknown digest topics beside schema problems", async () => {
    const text = `
timezone: Mars/Olympus
sources:
  - { id: wire, url: "http://example.com/feed" }
  - { id: wire, path: wire.xml }
topics:
  - { id: t1, name: T, query: "H200" }
  - { id: t1, name: Again, query: "CAC" }
digests:
  - { to: console, schedule: "99 * * *", topics: [t1, missing] }
  - { to: console, topics: [] }
`;
    const error = await configErrorOf(async () => parseConfigText(text, "refs.yaml", [checkQueries]));
    expect(error.issues.map((issue) => issue.path).sort()).toEqual([
      "digests[0].schedule",
      "digests[0].topics[1]",
      "digests[1].topics",
      "sources[1].id",
      "timezone",
      "topics[1].id",
    ]);
    expect(error.message).toMatch(/sources\[1\]\.id: "wire" is used twice/);
    expect(error.message).toMatch(/digests\[0\]\.topics\[1\]: no topic has id "missing"/);
    expect(error.message).toMatch(/digests\[1\]\.topics: list at least one topic id/);
  });

  it("lists schema problems and query problems together", async () => {
    const text = `
sources: [{ id: s, path: feed.xml }]
topics:
  - { id: fine, name: Fine, query: "H200", colour: red }
  - { id: broken, name: Broken, query: "(CAC AND" }
aliases: { cac: 'CAC |' }
`;
    const error = await configErrorOf(async () => parseConfigText(text, "inline.yaml", [checkQueries]));
    expect(error.issues.map((issue) => issue.path).sort()).toEqual(["aliases.cac", "topics[0]", "topics[1].query"]);
    expect(error.message).toMatch(/unknown key "colour"/);
  });

  it("resolves storage.path against the config file's folder, whatever the working directory", async () => {
    const { config } = parseConfigText("storage: { path: state/b.db }\nsources: [{ id: s, path: f.xml }]\ntopics: [{ id: t, name: T, query: x }]", "/srv/briefing/briefing.yaml");
    expect(config.storage.path).toBe(path.resolve("/srv/briefing/state/b.db"));
    const memory = parseConfigText("storage: { path: ':memory:' }\nsources: [{ id: s, path: f.xml }]\ntopics: [{ id: t, name: T, query: x }]", "/srv/b.yaml");
    expect(memory.config.storage.path).toBe(":memory:");
  });

  it("checks queries once the schema holds, naming the topic's query path", async () => {
    const text = `
sources: [{ id: s, path: feed.xml }]
topics:
  - { id: fine, name: Fine, query: "H200" }
  - { id: broken, name: Broken, query: "(CAC AND" }
`;
    const error = await configErrorOf(async () => parseConfigText(text, "inline.yaml", [checkQueries]));
    expect(error.issues.map((issue) => issue.path)).toEqual(["topics[1].query"]);
  });

  it.each([
    ["a missing file", async () => loadConfig("/nonexistent/briefing.yaml"), /briefing\.yaml: no such file/],
    ["unreadable YAML", async () => parseConfigText("sources: [\n  - {", "bad.yaml"), /bad\.yaml: .*not valid YAML: line \d+, column \d+/s],
    ["a digest naming an unknown topic", async () => parseConfigText("sources: [{id: s, path: f}]\ntopics: [{id: t, name: T, query: x}]\ndigests: [{to: console, topics: [zz]}]", "d.yaml"), /digests\[0\]\.topics\[0\]: no topic has id "zz"/],
    ["a source with both url and path", async () => parseConfigText("sources: [{id: s, path: f, url: 'https://example.org/f'}]\ntopics: [{id: t, name: T, query: x}]", "s.yaml"), /sources\[0\]: give exactly one of url or path/],
    ["a duplicated id", async () => parseConfigText("sources: [{id: s, path: f}, {id: s, path: g}]\ntopics: [{id: t, name: T, query: x}]", "dup.yaml"), /sources\[1\]\.id: "s" is used twice/],
  ])("explains %s", async (_name, run, message) => {
    const error = await configErrorOf(run);
    expect(error.message).toMatch(message);
  });

  it("reads a file from a temporary folder and resolves its paths against it", async () => {
    const folder = await mkdtemp(path.join(tmpdir(), "briefing-config-"));
    const file = path.join(folder, "b.yaml");
    await writeFile(file, "sources: [{ id: s, path: feeds/a.xml }]\ntopics: [{ id: t, name: T, query: H200 }]\n");
    const { config } = await loadConfig(file);
    expect(config.sources[0]?.path).toBe(path.join(folder, "feeds/a.xml"));
  });
});
