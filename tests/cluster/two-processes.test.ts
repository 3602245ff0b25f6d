import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { clusterItems, clusterOrder, type ClusterAssignment } from "../../src/cluster/index.js";
import { openDatabase } from "../../src/store/index.js";
import { loadLabelledSet } from "../fixtures/cluster/labelled-set.js";

const worker = fileURLToPath(new URL("../fixtures/cluster/assign-process.ts", import.meta.url));
let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function run(database: string, itemsFile: string): Promise<Array<ClusterAssignment & { key: string }>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", worker, database, itemsFile], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) reject(new Error(`assign-process exited with ${code}: ${err}`));
      else resolve(out.trim().split("\n").map((line) => JSON.parse(line) as ClusterAssignment & { key: string }));
    });
  });
}

describe("two processes clustering into one SQLite file", () => {
  it("open each story once, and end with the stories one process makes alone", async () => {
    dir = mkdtempSync(path.join(tmpdir(), "two-processes-"));
    const database = path.join(dir, "briefing.db");
    openDatabase(database).close();
    const items = [...loadLabelledSet()].sort(clusterOrder);
    const itemsFile = path.join(dir, "items.json");
    writeFileSync(itemsFile, JSON.stringify(items));

    const [first, second] = await Promise.all([run(database, itemsFile), run(database, itemsFile)]);

    const db = openDatabase(database);
    const stories = db.prepare("SELECT COUNT(*) FROM story_clusters").pluck().get() as number;
    const mergedInto = new Map((db.prepare("SELECT id, merged_into FROM story_clusters WHERE merged_into IS NOT NULL").all() as Array<{ id: string; merged_into: string }>).map((row) => [row.id, row.merged_into]));
    db.close();
    const opened = [...first, ...second].filter((assignment) => assignment.isNewCluster).length;
    expect(opened).toBe(stories);

    const current = (id: string) => mergedInto.get(id) ?? id;
    const alone = new Map((await clusterItems(items)).map((result) => [result.key, result.cluster]));
    expect(new Map(first.map((a) => [a.key, current(a.clusterId)]))).toEqual(alone);
    expect(new Map(second.map((a) => [a.key, current(a.clusterId)]))).toEqual(alone);
  }, 60_000);
});
