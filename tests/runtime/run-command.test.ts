import { describe, expect, it } from "vitest";
import { sampleConfig } from "../fakes/sample-config.js";
import { spawnBriefing } from "../fakes/spawn-briefing.js";

describe("briefing run", () => {
  it("prints the first digest, keeps running, stops cleanly on SIGINT, and does not repeat the digest on restart", async () => {
    const config = await sampleConfig();
    const first = spawnBriefing(["run", "--config", config]);
    await first.waitFor("China AI regulation");
    expect(first.stdout()).toContain("Export controls");
    expect(first.child.exitCode).toBeNull();
    first.child.kill("SIGINT");
    expect(await first.exited).toBe(0);
    expect(first.stderr()).toMatch(/stopped/);

    const second = spawnBriefing(["run", "--config", config]);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`never started: ${second.stderr()}`)), 30_000);
      const poll = setInterval(() => {
        if (/running; Ctrl-C stops/.test(second.stderr())) {
          clearInterval(poll);
          clearTimeout(timer);
          resolve();
        }
      }, 100);
      void second.exited.then(() => reject(new Error(`exited early: ${second.stderr()}`)));
    });
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
    expect(second.stdout()).not.toContain("China AI regulation");
  }, 90_000);
});
