import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { runCliCaptured } from "../fakes/run-cli.js";
import { repoRoot as repo, sampleConfig } from "../fakes/sample-config.js";

const brokenConfig = path.join(repo, "tests/fixtures/config/broken.yaml");


describe("briefing config check", () => {
  it("accepts the bundled config", async () => {
    const result = await runCliCaptured(["config", "check", "--config", path.join(repo, "config/briefing.yaml"), "--json"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, sources: 3, topics: 3, digests: 1 });
  });

  it("exits 2 naming every wrong path of a broken file", async () => {
    const result = await runCliCaptured(["config", "check", "--config", brokenConfig]);
    expect(result.code).toBe(2);
    for (const place of ["timezone", "poll.every", "sources[1].url", "topics[1].query", "digests[0].schedule", 'unknown key "colour"']) {
      expect(result.stderr).toContain(place);
    }
  });

  it("prints the problems as JSON with --json", async () => {
    const result = await runCliCaptured(["config", "check", "--config", brokenConfig, "--json"]);
    expect(result.code).toBe(2);
    const body = JSON.parse(result.stdout) as { ok: boolean; error: { file: string; issues: Array<{ path: string }> } };
    expect(body.ok).toBe(false);
    expect(body.error.file).toBe(brokenConfig);
    expect(body.error.issues.map((issue) => issue.path)).toContain("topics[1].query");
  });

  it.each([
    ["a missing file", ["config", "check", "--config", "/nonexistent.yaml"], /nonexistent\.yaml: no such file/],
    ["an unknown command", ["frobnicate"], /unknown command 'frobnicate'/],
    ["an unknown option", ["poll", "--once", "--frequently"], /unknown option '--frequently'/],
    ["poll without --once", ["poll"], /briefing poll --once/],
  ])("exits 2 on %s", async (_name, argv, message) => {
    const result = await runCliCaptured(argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it("takes the config path from BRIEFING_CONFIG", async () => {
    const result = await runCliCaptured(["config", "check"], { env: { BRIEFING_CONFIG: brokenConfig } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(brokenConfig);
  });
});

describe("briefing poll and digest on the sample feeds", () => {
  let config: string;
  beforeEach(async () => {
    config = await sampleConfig();
  });

  it("stores the samples once, however often it polls", async () => {
    const first = await runCliCaptured(["poll", "--once", "--config", config, "--json"]);
    expect(first.code).toBe(0);
    const summary = JSON.parse(first.stdout) as { polled: number; failed: number; newItems: number; stored: number };
    expect(summary).toMatchObject({ polled: 3, failed: 0 });
    expect(summary.newItems).toBeGreaterThan(10);
    const again = JSON.parse((await runCliCaptured(["poll", "--once", "--config", config, "--json"])).stdout) as typeof summary;
    expect(again.newItems).toBe(0);
    expect(again.stored).toBe(summary.stored);
  });

  it("previews a digest grouped by topic without the off-topic items", async () => {
    const result = await runCliCaptured(["digest", "--preview", "--config", config]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("China AI regulation");
    expect(result.stdout).toContain("AI chips");
    expect(result.stdout).toContain("Export controls");
    expect(result.stdout).toMatch(/H200/);
    expect(result.stdout).not.toContain("CAC 40 closes higher");
    expect(result.stdout).not.toContain("Smartphone shipments");
    expect(result.stdout).not.toContain("cache limits");
  });

  it("folds one story from several outlets into one entry", async () => {
    const result = await runCliCaptured(["digest", "--preview", "--config", config, "--json"]);
    const body = JSON.parse(result.stdout) as { digest: { sections: Array<{ stories: Array<{ title: string; otherOutlets: string[] }> }> } };
    const stories = body.digest.sections.flatMap((section) => section.stories);
    const h200 = stories.filter((story) => /H-?200/.test(story.title));
    expect(h200).toHaveLength(1);
    expect(h200[0]!.otherOutlets.length).toBeGreaterThanOrEqual(1);
  });

  it.each(["slack", "discord"])("previews the %s rendering as JSON payloads", async (format) => {
    const result = await runCliCaptured(["digest", "--preview", "--config", config, "--format", format, "--json"]);
    expect(result.code).toBe(0);
    const body = JSON.parse(result.stdout) as { messages: Array<{ kind: string }> };
    expect(body.messages.length).toBeGreaterThan(0);
    expect(body.messages.every((message) => message.kind === format)).toBe(true);
  });

  it("names the configured digests, with their targets, when --to matches none", async () => {
    const result = await runCliCaptured(["digest", "--preview", "--config", config, "--to", "discord:123"]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('no digest has the id or target "discord:123"; configured: daily (to console)');
    expect((await runCliCaptured(["digest", "--preview", "--config", config, "--to", "daily", "--json"])).code).toBe(0);
  });

  it("explains each story's rank with --explain", async () => {
    const result = await runCliCaptured(["digest", "--preview", "--explain", "--config", config]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Ranking within each topic: score = quality × \(1 \+ log2 outlets\) × freshness × source weight/);
    expect(result.stdout).toMatch(/= quality 1\.000 × outlets \d\.\d{3} \(\d+\) × freshness [\d.e-]+ \(newest [^)]+\) × weight [\d.]+/);
  });

  it("names outlets by their feed's title when the config gives no name", async () => {
    const result = await runCliCaptured(["digest", "--preview", "--config", config, "--json"]);
    const body = JSON.parse(result.stdout) as { digest: { sections: Array<{ stories: Array<{ outlet: string }> }> } };
    const outlets = new Set(body.digest.sections.flatMap((section) => section.stories.map((story) => story.outlet)));
    expect([...outlets].sort()).toEqual(["Chip Daily (sample)", "Policy Wire (sample)", "科技政策速递(示例)"]);
  });

  it("parses a configured source by its id with --config", async () => {
    const result = await runCliCaptured(["parse", "chip-daily", "--config", config, "--json"]);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { feed: { title: string } }).feed.title).toBe("Chip Daily (sample)");
    const unknown = await runCliCaptured(["parse", "no-such-feed", "--config", config]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("chip-daily, ");
  });

  it("rejects an unknown format and an unknown target with exit 2", async () => {
    expect((await runCliCaptured(["digest", "--preview", "--config", config, "--format", "pdf"])).code).toBe(2);
    const unknown = await runCliCaptured(["digest", "--preview", "--config", config, "--to", "slack:#nowhere"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("daily");
  });
});
