import type { Command } from "commander";
import type { CliContext } from "../cli-context.js";
import { runDoctor } from "../../doctor/run-doctor.js";

/** `briefing doctor`: checks a deployment end to end and says what to fix. */
export function registerDoctorCommand(program: Command, ctx: CliContext): void {
  program
    .command("doctor")
    .description("Check the config, the store, each platform's token, scopes and digest channels, and that each feed answers.")
    .option("-c, --config <file>", "config file")
    .option("--json", "print machine-readable JSON")
    .action(async (options: { config?: string; json?: boolean }) => {
      const checks = await runDoctor({
        loadConfig: () => ctx.loadConfig(options.config),
        env: () => ctx.env(),
        rawEnv: ctx.io.env,
        clock: ctx.io.clock,
        log: ctx.logger(),
      });
      const failed = checks.filter((check) => !check.ok).length;
      if (failed > 0) ctx.exitCode = 1;
      ctx.print({ ok: failed === 0, failed, checks }, Boolean(options.json), () =>
        [
          ...checks.map((check) => `${check.ok ? "✓" : "✗"} ${check.name}: ${check.detail}${check.fix ? ` → ${check.fix}` : ""}`),
          failed === 0 ? `all ${checks.length} checks passed` : `${failed} of ${checks.length} checks failed`,
        ].join("\n"),
      );
    });
}
