import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

export const repoRoot = path.join(import.meta.dirname, "../..");

/** A copy of the bundled config whose database lives in a fresh temporary folder. */
export async function sampleConfig(): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), "briefing-sample-"));
  const text = (await readFile(path.join(repoRoot, "config/briefing.yaml"), "utf8"))
    .replace("path: ../data/briefing.db", `path: ${path.join(folder, "briefing.db")}`)
    .replaceAll("path: samples/", `path: ${path.join(repoRoot, "config/samples")}/`);
  const file = path.join(folder, "briefing.yaml");
  await writeFile(file, text);
  return file;
}
