import type { Command } from "commander";
import { formatTarget } from "../../../config/target.js";
import { UsageError } from "../../../domain/errors.js";
import type { OutboundPayload } from "../../../domain/outbound.js";
import { renderExplain, type RenderFormat } from "../../../render/index.js";
import type { CliContext } from "../cli-context.js";
import { openApp } from "../open-app.js";

const FORMATS: RenderFormat[] = ["text", "slack", "discord"];

export function registerDigestCommand(program: Command, ctx: CliContext): void {
  program
    .command("digest")
    .description("Show the digest that would be posted now, without posting it or moving its window.")
    .option("--preview", "print what would be posted (the only mode; `run` posts on schedule)")
    .option("--to <target>", "which configured digest, by its target (e.g. slack:#china-ai) or id")
    .option("--format <format>", "text, slack or discord (default: the target's own)")
    .option("--explain", "after the digest, show how each story's rank was made (quality, outlets, freshness, weight)")
    .option("-c, --config <file>", "config file")
    .option("--json", "print machine-readable JSON")
    .action(async (options: { preview?: boolean; to?: string; format?: string; config?: string; json?: boolean; explain?: boolean }) => {
      if (!options.preview) throw new UsageError("use `briefing digest --preview`; digests are posted by `briefing run`");
      if (options.format !== undefined && !FORMATS.includes(options.format as RenderFormat)) {
        throw new UsageError(`--format must be one of ${FORMATS.join(", ")}, not "${options.format}"`);
      }
      const { app, loaded } = await openApp(ctx, options.config);
      try {
        const digests = loaded.config.digests;
        const index = options.to === undefined ? 0 : digests.findIndex((d) => d.id === options.to || formatTarget(d.to) === options.to);
        if (digests.length === 0) throw new UsageError(`${loaded.file} has no digests to preview`);
        if (index < 0) {
          const known = digests.map((d) => (d.id ? `${d.id} (to ${formatTarget(d.to)})` : formatTarget(d.to))).join(", ");
          throw new UsageError(`no digest has the id or target "${options.to}"; configured: ${known}`);
        }
        await app.poll();
        const preview = await app.previewDigest(index, options.format as RenderFormat | undefined);
        ctx.print(
          { since: preview.since, until: preview.windowEnd, digest: preview.model, messages: preview.messages },
          Boolean(options.json),
          () => {
            const text = preview.messages.map(textOf).join("\n\n") || "(nothing to post: the window is empty and this digest skips empty windows)";
            return options.explain && preview.model.storyCount > 0 ? `${text}\n\n${renderExplain(preview.model)}` : text;
          },
        );
      } finally {
        await app.close();
      }
    });
}

function textOf(payload: OutboundPayload): string {
  return payload.kind === "text" ? payload.text : JSON.stringify(payload, null, 2);
}
