import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

/** A config file in a fresh temp folder, polling one local feed URL, with its database beside it. */
export async function writeE2eConfig(feedUrl: string, extra = ""): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), "briefing-e2e-"));
  const file = path.join(folder, "briefing.yaml");
  await writeFile(
    file,
    `beat: China AI policy
timezone: Asia/Shanghai
storage: { path: ${JSON.stringify(path.join(folder, "briefing.db"))} }
poll: { every: 1m, allow_private_networks: true }
sources:
  - { id: wire, url: ${JSON.stringify(feedUrl)} }
topics:
  - { id: export-controls, name: Export controls, query: '"export controls" OR 出口管制' }
${extra}`,
  );
  return file;
}
