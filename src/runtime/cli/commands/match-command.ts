import type { Command } from "commander";
import { compileTopicMatcher } from "../../topic-matcher.js";
import type { CliContext } from "../cli-context.js";
import { readItemsJsonl } from "../read-items-jsonl.js";

export function registerMatchCommand(program: Command, ctx: CliContext): void {
  program
    .command("match")
    .description("Match items (JSON lines: id, title, summary, content, url, source, publishedAt) against the config's topics.")
    .argument("<items>", "a .jsonl file of items")
    .option("-c, --config <file>", "config file")
    .option("--json", "print one JSON object per item")
    .action(async (file: string, options: { config?: string; json?: boolean }) => {
      const { config } = await ctx.loadConfig(options.config);
      const matcher = compileTopicMatcher(config);
      const now = ctx.io.clock.now();
      for (const item of await readItemsJsonl(file, now)) {
        const topics = matcher.match(item, now).map((m) => ({ id: m.topicId, score: round(m.score), terms: m.terms, passes: matcher.passes(m) }));
        ctx.print({ id: item.id, topics }, Boolean(options.json), () => describe(item.id, topics));
      }
    });
}

/** `u1  export-controls 1.2 (export controls, 出口管制) · ai-chips 0.4 below threshold (Nvidia)`, or `u1  no topic`. */
function describe(id: string, topics: Array<{ id: string; score: number; terms: string[]; passes: boolean }>): string {
  if (topics.length === 0) return `${id}  no topic`;
  return `${id}  ${topics.map((t) => `${t.id} ${t.score}${t.passes ? "" : " below threshold"} (${t.terms.join(", ")})`).join(" · ")}`;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
