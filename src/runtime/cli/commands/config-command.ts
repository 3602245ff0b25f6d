import type { Command } from "commander";
import type { CliContext } from "../cli-context.js";

export function registerConfigCommand(program: Command, ctx: CliContext): void {
  const config = program.command("config").description("Work with the configuration file.");
  config
    .command("check")
    .description("Validate the config file and report every problem with its path.")
    .option("-c, --config <file>", "config file (default: $BRIEFING_CONFIG or config/briefing.yaml)")
    .option("--json", "print machine-readable JSON")
    .action(async (options: { config?: string; json?: boolean }) => {
      const { file, config: loaded } = await ctx.loadConfig(options.config);
      ctx.print(
        { ok: true, file, sources: loaded.sources.length, topics: loaded.topics.length, digests: loaded.digests.length },
        Boolean(options.json),
        () => `${file}: ok (${loaded.sources.length} sources, ${loaded.topics.length} topics, ${loaded.digests.length} digests)`,
      );
    });
}
