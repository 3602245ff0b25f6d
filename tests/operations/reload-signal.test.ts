import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCliCaptured } from "../fakes/run-cli.js";
import { sampleConfig } from "../fakes/sample-config.js";
import { spawnBriefing, type BriefingProcess } from "../fakes/spawn-briefing.js";

function stderrShows(bot: BriefingProcess, pattern: RegExp, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`never saw ${what}: ${bot.stderr()}`)), 30_000);
    const poll = setInterval(() => {
      if (pattern.test(bot.stderr())) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve();
      }
    }, 100);
  });
}

describe("reloading a running bot", () => {
  it("serves /healthz and /readyz; `briefing reload` and SIGHUP apply a good config; a bad one is refused with its problems and the bot keeps running", async () => {
    const config = await sampleConfig();
    const database = path.join(path.dirname(config), "briefing.db");
    expect((await runCliCaptured(["reload", "--config", config])).stderr).toMatch(/no running bot found/);

    const bot = spawnBriefing(["run", "--config", config]);
    try {
      await stderrShows(bot, /running; Ctrl-C stops/, "the bot start");
      // PORT=0: the endpoints listen on a free port, which the start line names.
      const port = Number(/"http_port":(\d+)/.exec(bot.stderr())?.[1]);
      expect(await (await fetch(`http://127.0.0.1:${port}/healthz`)).text()).toBe("ok\n");
      expect(await (await fetch(`http://127.0.0.1:${port}/readyz`)).text()).toBe("ready\n");
      const good = (await readFile(config, "utf8")).replace("topics:\n", "topics:\n  - { id: quantum, name: Quantum, query: 'quantum' }\n");
      await writeFile(config, good);
      const asked = await runCliCaptured(["reload", "--config", config]);
      expect(asked.code).toBe(0);
      const pid = Number(await readFile(`${database}.pid`, "utf8"));
      expect(asked.stdout).toContain(`asked the bot (pid ${pid}) to reload`);
      await stderrShows(bot, /"topics":4.*"msg":"config reloaded"/, "the reload");

      await writeFile(config, good.replace("every: 10m", "every: whenever"));
      const refused = await runCliCaptured(["reload", "--config", config]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/poll\.every/);
      // Sent straight to the process, the signal meets the same check inside the bot.
      process.kill(pid, "SIGHUP");
      await stderrShows(bot, /"errors":\["poll\.every: .*"msg":"config refused; the running config stays in effect"/, "the refusal");
      expect(bot.child.exitCode).toBeNull();
    } finally {
      bot.child.kill("SIGTERM");
      expect(await bot.exited).toBe(0);
    }
  }, 90_000);
});
