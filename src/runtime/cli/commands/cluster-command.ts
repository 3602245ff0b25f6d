import type { Command } from "commander";
import { clusterItems } from "../../../cluster/index.js";
import type { CliContext } from "../cli-context.js";
import { readItemsJsonl } from "../read-items-jsonl.js";

export function registerClusterCommand(program: Command, ctx: CliContext): void {
  program
    .command("cluster")
    .description("Group items (JSON lines, as for `match`) into stories; prints each item's cluster.")
    .argument("<items>", "a .jsonl file of items")
    .option("--json", "print one JSON object per item (the only output format)")
    .action(async (file: string) => {
      const items = await readItemsJsonl(file, ctx.io.clock.now());
      for (const entry of await clusterItems(items)) {
        ctx.print({ id: entry.id, cluster: entry.cluster }, true, undefined);
      }
    });
}
