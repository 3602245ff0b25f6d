import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createManualClock } from "../../src/domain/clock.js";
import { runCli } from "../../src/runtime/cli/program.js";
import { sampleConfig } from "../fakes/sample-config.js";

async function pollOnce(isTTY: boolean) {
  let stdout = "";
  let stderr = "";
  // A real stream, as the pretty logger on a terminal needs one.
  const stderrStream = Object.assign(new Writable({ write: (chunk: Buffer, _encoding, done) => ((stderr += chunk.toString("utf8")), done()) }), { isTTY });
  const code = await runCli(["poll", "--once", "--config", await sampleConfig(), "--json"], {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: stderrStream,
    env: { LOG_LEVEL: "warn" },
    clock: createManualClock("2026-01-15T02:00:00.000Z"),
    stopSignal: new Promise(() => undefined),
  });
  return { code, stdout, stderr };
}

describe("briefing poll --once progress", () => {
  it("writes plain lines to stderr when it is not a terminal, and keeps stdout for the result", async () => {
    const { code, stdout, stderr } = await pollOnce(false);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ polled: 3, failed: 0 });
    expect(stderr.split("\n").filter(Boolean)).toEqual(["polled 0/3 feeds, 0 failed", "polled 1/3 feeds, 0 failed", "polled 2/3 feeds, 0 failed", "polled 3/3 feeds, 0 failed"]);
  });

  it("draws a bar on a terminal, ending at every feed done", async () => {
    const { code, stdout, stderr } = await pollOnce(true);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ polled: 3 });
    expect(stderr).toMatch(/polling \[[^\]]+\] 3\/3 feeds · 0 failed/);
    expect(stderr).not.toMatch(/^polled \d/m);
  });
});
