import { readFile, writeFile } from "node:fs/promises";
import type { Command } from "commander";
import { checkFeedUrl, FetchError, readOpml, redactUrl, writeOpml, type OpmlFeed } from "../../../ingest/index.js";
import { addConfigSources, type NewSource } from "../add-config-sources.js";
import type { CliContext } from "../cli-context.js";
import { sourceIdFor } from "../source-id.js";

interface Skipped {
  title: string;
  url: string;
  reason: string;
}

/** `briefing feeds import <file.opml>` and `briefing feeds export`: subscription lists in and out. */
export function registerFeedsOpmlCommands(feeds: Command, ctx: CliContext): void {
  feeds
    .command("import")
    .description("Add the feeds of an OPML subscription list (Feedly, Inoreader, Miniflux…) to the config file's sources.")
    .argument("<file.opml>", "the OPML file a feed reader exported")
    .option("-c, --config <file>", "config file")
    .option("--dry-run", "say what would be added without writing the config")
    .option("--json", "print machine-readable JSON")
    // `--config` and `--json` are also options of `feeds` itself, which claims them: read both levels.
    .action(async (file: string, _options: unknown, command: Command) => {
      const options = command.optsWithGlobals<{ config?: string; dryRun?: boolean; json?: boolean }>();
      const loaded = await ctx.loadConfig(options.config);
      const { poll, sources } = loaded.config;
      const outlines = readOpml(await readFile(file, "utf8"));
      const known = new Set(sources.flatMap((source) => (source.url ? [sameFeedKey(source.url)] : [])));
      const ids = new Set(sources.map((source) => source.id));
      const added: NewSource[] = [];
      const skipped: Skipped[] = [];
      for (const outline of outlines) {
        const verdict = await admit(outline, known, poll.allow_private_networks);
        if (typeof verdict !== "string") {
          skipped.push(verdict);
          continue;
        }
        known.add(sameFeedKey(verdict));
        const id = sourceIdFor(outline.title, verdict, ids);
        ids.add(id);
        added.push({ id, url: verdict, name: outline.title || id, category: outline.categories.join(" / ") || null });
      }
      if (!options.dryRun) await addConfigSources(loaded.file, added);
      const summary = { config: loaded.file, written: !options.dryRun, added: added.map(({ id, url, name }) => ({ id, url: redactUrl(url), name })), skipped };
      ctx.print(summary, Boolean(options.json), () =>
        [
          `${options.dryRun ? "Would add" : "Added"} ${added.length} source${added.length === 1 ? "" : "s"} to ${loaded.file}`,
          ...summary.added.map((source) => `  + ${source.id}  ${source.url}`),
          ...(skipped.length > 0 ? [`Skipped ${skipped.length}:`, ...skipped.map((skip) => `  - ${skip.title || skip.url}: ${skip.reason}`)] : []),
        ].join("\n"),
      );
    });

  feeds
    .command("export")
    .description("Write the configured feeds as an OPML subscription list, for a feed reader to import.")
    .option("-c, --config <file>", "config file")
    .option("-o, --output <file>", "write to a file instead of standard output")
    .action(async (_options: unknown, command: Command) => {
      const options = command.optsWithGlobals<{ config?: string; output?: string }>();
      const { config } = await ctx.loadConfig(options.config);
      const entries = config.sources.flatMap((source) => (source.url ? [{ title: source.name ?? source.id, xmlUrl: redactUrl(source.url) }] : []));
      const opml = writeOpml(`${config.beat} sources`, entries, ctx.io.clock.now());
      if (options.output) await writeFile(options.output, opml);
      else ctx.io.stdout.write(opml);
      // A feed reader can only subscribe to URLs: say which sources were left out, on stderr to keep the OPML clean.
      const files = config.sources.filter((source) => !source.url).map((source) => source.id);
      if (files.length > 0) {
        ctx.io.stderr.write(`left out ${files.length} source${files.length === 1 ? "" : "s"} read from local files (${files.join(", ")}): OPML lists feed URLs only\n`);
      }
    });
}

/** The URL to add, or why the outline is skipped. Every URL passes the address guard first. */
async function admit(outline: OpmlFeed, known: Set<string>, allowPrivateNetworks: boolean): Promise<string | Skipped> {
  const skip = (reason: string): Skipped => ({ title: outline.title, url: redactUrl(outline.xmlUrl), reason });
  let url: string;
  try {
    url = await checkFeedUrl(outline.xmlUrl, { allowPrivateNetworks });
  } catch (error) {
    return skip(error instanceof FetchError ? error.message : "the URL could not be checked");
  }
  return known.has(sameFeedKey(url)) ? skip("already a source") : url;
}

/** Two spellings of one feed URL (host case, default port, trailing dot) give one key. */
function sameFeedKey(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.hostname = parsed.hostname.replace(/\.$/, "");
    parsed.hash = "";
    return parsed.href;
  } catch {
    return url;
  }
}
