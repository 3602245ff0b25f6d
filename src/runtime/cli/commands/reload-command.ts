import type { Command } from "commander";
import { BriefingError } from "../../../domain/errors.js";
import type { CliContext } from "../cli-context.js";
import { readRunFile, runFilePath } from "../../operations/run-file.js";

/** `briefing reload`: checks the config, then asks the running bot (SIGHUP) to apply it. */
export function registerReloadCommand(program: Command, ctx: CliContext): void {
  program
    .command("reload")
    .description("Check the config and tell the running bot to apply it (same as sending it SIGHUP).")
    .option("-c, --config <file>", "config file")
    .option("--json", "print machine-readable JSON")
    .action(async (options: { config?: string; json?: boolean }) => {
      // An invalid file stops here with every problem in it; the bot is not disturbed.
      const loaded = await ctx.loadConfig(options.config);
      const databasePath = loaded.config.storage.path;
      const pid = await readRunFile(databasePath);
      if (pid === null) throw new BriefingError("usage", `no running bot found: ${runFilePath(databasePath) ?? databasePath} names none; is \`briefing run\` up?`);
      try {
        process.kill(pid, "SIGHUP");
      } catch (error) {
        throw new BriefingError("usage", `the bot recorded in ${runFilePath(databasePath)} (pid ${pid}) is not running`, { cause: error });
      }
      ctx.print({ ok: true, pid, config: loaded.file }, Boolean(options.json), () => `config ${loaded.file} is valid; asked the bot (pid ${pid}) to reload it; its log says when it is applied`);
    });
}
