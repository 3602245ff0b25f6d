import type { Command } from "commander";
import type { CliContext } from "../cli-context.js";
import { openApp } from "../open-app.js";
import { createWorker } from "../../worker.js";

export function registerRunCommand(program: Command, ctx: CliContext): void {
  program
    .command("run")
    .description("Run the bot: poll sources, post scheduled digests, answer commands, until stopped.")
    .option("-c, --config <file>", "config file")
    .action(async (options: { config?: string }) => {
      const { app, loaded, platforms } = await openApp(ctx, options.config);
      const log = ctx.logger().child({ job: "run" });
      const worker = createWorker({ app, config: loaded.config, log: ctx.logger(), now: () => ctx.io.clock.now() });
      try {
        log.info({ config: loaded.file, sources: loaded.config.sources.length, digests: loaded.config.digests.length }, "starting");
        const listening = await platforms.start();
        await worker.start();
        log.info({ slack: listening.slack, discord: listening.discord }, "running; Ctrl-C stops");
        const signal = await ctx.io.stopSignal;
        log.info({ signal }, "stopping: finishing the work in hand");
        await platforms.stop();
        await worker.stop();
      } finally {
        await app.close();
      }
      log.info("stopped");
    });
}
