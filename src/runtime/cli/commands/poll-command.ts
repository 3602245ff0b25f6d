import type { Command } from "commander";
import { UsageError } from "../../../domain/errors.js";
import type { CliContext } from "../cli-context.js";
import { openApp } from "../open-app.js";
import { createPollProgress } from "../poll-progress.js";

export function registerPollCommand(program: Command, ctx: CliContext): void {
  program
    .command("poll")
    .description("Poll every source, then match, cluster and store what is new; progress goes to stderr.")
    .option("--once", "poll once and exit (the only mode; `run` polls on a schedule)")
    .option("-c, --config <file>", "config file")
    .option("--json", "print machine-readable JSON")
    .action(async (options: { once?: boolean; config?: string; json?: boolean }) => {
      if (!options.once) throw new UsageError("poll runs once: use `briefing poll --once`, or `briefing run` to poll on a schedule");
      const { app } = await openApp(ctx, options.config);
      const progress = createPollProgress(ctx.io.stderr);
      try {
        const summary = await app.poll({ force: true, onProgress: (now) => progress.update(now) }).finally(() => progress.stop());
        const stored = await app.store.countItems();
        ctx.print({ ...summary, stored }, Boolean(options.json), () =>
          `polled ${summary.polled} sources (${summary.failed} failed), ${summary.newItems} new items, ${stored} stored`,
        );
      } finally {
        await app.close();
      }
    });
}
