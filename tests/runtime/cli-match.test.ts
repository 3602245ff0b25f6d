import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCliCaptured } from "../fakes/run-cli.js";
import { repoRoot } from "../fakes/sample-config.js";

const config = path.join(repoRoot, "config/briefing.yaml");

async function itemsFile(): Promise<string> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), "briefing-match-")), "items.jsonl");
  const items = [
    { id: "a1", title: "US widens export controls on Nvidia H200 chips", source: "wire", publishedAt: "2026-01-14T08:00:00Z" },
    { id: "a2", title: "Smartphone shipments flat in the fourth quarter", source: "wire", publishedAt: "2026-01-14T09:00:00Z" },
  ];
  await writeFile(file, items.map((item) => JSON.stringify(item)).join("\n"));
  return file;
}

describe("briefing match", () => {
  it("prints one readable line per item, and JSON with --json", async () => {
    const file = await itemsFile();
    const text = await runCliCaptured(["match", file, "--config", config]);
    expect(text.code).toBe(0);
    const [first, second] = text.stdout.trim().split("\n");
    expect(first).toMatch(/^a1 {2}.*export-controls [\d.]+ \(export controls[,)]/);
    expect(first).toMatch(/ai-chips [\d.]+ \(H200, Nvidia\)/);
    expect(second).toBe("a2  no topic");

    const json = await runCliCaptured(["match", file, "--config", config, "--json"]);
    const lines = json.stdout.trim().split("\n").map((line) => JSON.parse(line) as { id: string; topics: Array<{ id: string; passes: boolean }> });
    expect(lines.map((line) => line.id)).toEqual(["a1", "a2"]);
    expect(lines[0]!.topics.map((topic) => topic.id).sort()).toEqual(["ai-chips", "export-controls"]);
    expect(lines[1]!.topics).toEqual([]);
  });
});
