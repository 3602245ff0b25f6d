import type { Command } from "commander";
import type { CliContext } from "../cli-context.js";
import { openApp } from "../open-app.js";
import { createWorker } from "../../worker.js";
import { holdWorkerLease } from "../../hold-worker-lease.js";

export function registerRunCommand(program: Command, ctx: CliContext): void {
  program
    .command("run")
    .description("Run the bot: poll sources, post scheduled digests, answer commands, until stopped.")
    .option("-c, --config <file>", "config file")
    .option("--standby", "if another `briefing run` works on this database, wait and take over when it stops")
    .action(async (options: { config?: string; standby?: boolean }) => {
      const { app, loaded, platforms } = await openApp(ctx, options.config);
      const log = ctx.logger().child({ job: "run" });
      try {
        const lease = await holdWorkerLease({
          database: app.database,
          file: loaded.config.storage.path,
          clock: ctx.io.clock,
          log,
          standby: Boolean(options.standby),
          stopSignal: ctx.io.stopSignal,
        });
        if (lease === null) return;
        const worker = createWorker({ app, config: loaded.config, log: ctx.logger(), now: () => ctx.io.clock.now() });
        try {
          log.info({ config: loaded.file, sources: loaded.config.sources.length, digests: loaded.config.digests.length }, "starting");
          const listening = await platforms.start();
          await worker.start();
          log.info({ slack: listening.slack, discord: listening.discord }, "running; Ctrl-C stops");
          const signal = await Promise.race([ctx.io.stopSignal, lease.lost.then(() => "lease lost")]);
          log.info({ signal }, "stopping: finishing the work in hand");
          await platforms.stop();
          await worker.stop();
        } finally {
          await lease.release();
        }
      } finally {
        await app.close();
      }
      log.info("stopped");
    });
}
