import type { Command } from "commander";
import { maskUrlsInText } from "../../../domain/mask-url.js";
import { UsageError } from "../../../domain/errors.js";
import type { CliContext } from "../cli-context.js";
import { openApp } from "../open-app.js";

/** `briefing audit`: who added or removed which feed, topic or channel digest from chat, and when. */
export function registerAuditCommand(program: Command, ctx: CliContext): void {
  program
    .command("audit")
    .description("List changes made from chat (feeds, topics, channel digests), newest first: when, who, what, in which tenant.")
    .option("-c, --config <file>", "config file")
    .option("--tenant <id>", "only this tenant (slack:<team id>, discord:<guild id> or default)")
    .option("--limit <n>", "at most this many entries", "100")
    .option("--json", "print machine-readable JSON")
    .action(async (options: { config?: string; tenant?: string; limit: string; json?: boolean }) => {
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit takes a positive whole number, not "${options.limit}"`);
      const { app } = await openApp(ctx, options.config);
      try {
        const entries = (await app.store.auditLog(options.tenant ?? null, limit)).map((entry) => ({ ...entry, subject: maskUrlsInText(entry.subject) }));
        ctx.print({ entries }, Boolean(options.json), () =>
          entries.length === 0
            ? "audit: nothing changed from chat yet"
            : entries.map((e) => `${e.at}  ${e.tenantId}  ${e.actor}  ${e.action}  ${e.subject}`).join("\n"),
        );
      } finally {
        await app.close();
      }
    });
}
