import { describe, expect, it } from "vitest";
import { sampleConfig } from "../fakes/sample-config.js";
import { spawnBriefing, type BriefingProcess } from "../fakes/spawn-briefing.js";

/** Resolves when the process's log (stderr) matches; rejects if it exits first or after `ms`. */
function logShows(proc: BriefingProcess, pattern: RegExp, ms = 40_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`timed out waiting for ${pattern}: ${proc.stderr()}`)), ms);
    const poll = setInterval(() => pattern.test(proc.stderr()) && done(), 100);
    const done = (error?: Error) => {
      clearInterval(poll);
      clearTimeout(timer);
      if (error) reject(error);
      else resolve();
    };
    void proc.exited.then(() => (pattern.test(proc.stderr()) ? done() : done(new Error(`exited before ${pattern}: ${proc.stderr()}`))));
  });
}

const DIGEST_HEADER = "China AI regulation";

describe("two `briefing run` on one SQLite file", () => {
  it("refuses the second with the holder named, lets a standby take over after the first is killed, and posts nothing twice", async () => {
    const config = await sampleConfig();
    const first = spawnBriefing(["run", "--config", config]);
    const all = [first];
    try {
      await logShows(first, /running; Ctrl-C stops/);
      // Delivery is a loop of its own: the first digest may print just after "running".
      await first.waitFor(DIGEST_HEADER);

      const second = spawnBriefing(["run", "--config", config]);
      all.push(second);
      expect(await second.exited).toBe(1);
      const named = /another briefing run already works on .*briefing\.db: pid (\d+) on host \S+, since \d{4}-\d\d-\d\dT/.exec(second.stderr());
      expect(named, second.stderr()).not.toBeNull();
      // tsx runs the bot in a child process: the pid named is the worker itself, the one to kill.
      const holderPid = Number(named![1]);
      expect(second.stderr()).toMatch(/--standby/);
      expect(second.stdout()).toBe("");

      const standby = spawnBriefing(["run", "--standby", "--config", config]);
      all.push(standby);
      await logShows(standby, /standing by/);
      expect(standby.stderr()).not.toMatch(/running; Ctrl-C stops/);

      process.kill(holderPid, "SIGKILL");
      await first.exited;
      await logShows(standby, /took over as the worker[\s\S]*running; Ctrl-C stops/);
      standby.child.kill("SIGTERM");
      expect(await standby.exited).toBe(0);
      // The first worker posted the digest; the one that took over made up nothing it had already done.
      expect(first.stdout().split(DIGEST_HEADER).length - 1).toBe(1);
      expect(standby.stdout()).not.toContain(DIGEST_HEADER);
    } finally {
      for (const proc of all) if (proc.child.exitCode === null && proc.child.signalCode === null) proc.child.kill("SIGTERM");
    }
  }, 120_000);
});
