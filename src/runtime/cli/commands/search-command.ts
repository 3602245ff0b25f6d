import type { Command } from "commander";
import type { CliContext } from "../cli-context.js";
import { openApp } from "../open-app.js";
import { createArchiveSearch } from "../../command-services.js";
import { renderDigest } from "../../../render/index.js";

export function registerSearchCommand(program: Command, ctx: CliContext): void {
  program
    .command("search")
    .description('Search the archive with the query language, e.g. briefing search "H200 since:7d".')
    .argument("<query...>", "the query, filters included (since:7d, before:2026-01-31, topic:<id>, source:<id>)")
    .option("-n, --limit <n>", "how many stories", "10")
    .option("-c, --config <file>", "config file")
    .option("--json", "print machine-readable JSON")
    .action(async (words: string[], options: { limit: string; config?: string; json?: boolean }) => {
      const { app, loaded } = await openApp(ctx, options.config);
      try {
        const digest = await createArchiveSearch(app, loaded.config).search({ text: words.join(" "), limit: Number(options.limit) || 10 });
        ctx.print(digest, Boolean(options.json), () =>
          digest.storyCount === 0 ? `No stories match ${words.join(" ")}.` : renderDigest(digest, "text").map((p) => (p.kind === "text" ? p.text : "")).join("\n"),
        );
      } finally {
        await app.close();
      }
    });
}
