import type { Command } from "commander";
import type { ParsedFeed } from "../../../domain/item.js";
import { createFileFetcher, createHttpFetcher, createParsePool, type Fetcher } from "../../../ingest/index.js";
import { UsageError } from "../../../domain/errors.js";
import type { CliContext } from "../cli-context.js";

/**
 * `briefing parse <url-or-file>`: fetch (safely) and normalise one feed, without storing anything. With
 * `--config`, the target may also be a configured source's id, and the config's fetch limits apply.
 */
export function registerParseCommand(program: Command, ctx: CliContext): void {
  program
    .command("parse")
    .description("Fetch or read one feed and print it normalised (feed title, link, items with ids, canonical URLs and UTC dates).")
    .argument("<url-or-file>", "an http(s) feed URL, a local file, or (with --config) a source id")
    .option("--allow-private-networks", "let the URL reach loopback and private addresses (local testing)")
    .option("-c, --config <file>", "use this config's fetch limits, and let <url-or-file> name one of its sources")
    .option("--json", "print machine-readable JSON")
    .action(async (given: string, options: { json?: boolean; allowPrivateNetworks?: boolean; config?: string }) => {
      const { target, poll } = await resolveTarget(ctx, given, options.config);
      const isUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(target);
      const maxBytes = poll?.max_bytes;
      const fetcher: Fetcher = isUrl
        ? createHttpFetcher({
            allowPrivateNetworks: options.allowPrivateNetworks || poll?.allow_private_networks,
            clock: ctx.io.clock,
            totalTimeoutMs: poll?.timeout,
            maxBytes,
          })
        : createFileFetcher({ maxBytes });
      const pool = createParsePool({ size: 1 });
      try {
        const outcome = await fetcher.fetch(target, { etag: null, lastModified: null });
        if (outcome.status !== "fetched") throw new Error("unexpected not-modified without validators");
        const parsed = await pool.parse({
          bytes: outcome.body,
          contentType: outcome.contentType,
          baseUrl: isUrl ? outcome.url : null,
          sourceId: "parse",
          now: ctx.io.clock.now().toISOString(),
        });
        const items = parsed.items.map(({ sourceId: _sourceId, ...item }) => item);
        ctx.print({ feed: parsed.feed, items }, Boolean(options.json), () => describe(parsed));
      } finally {
        await Promise.all([pool.close(), fetcher.close()]);
      }
    });
}

/** Without --config the target is taken as typed; with it, a source id names that source's URL or file. */
async function resolveTarget(ctx: CliContext, given: string, configOption: string | undefined) {
  if (configOption === undefined) return { target: given, poll: null };
  const { config, file } = await ctx.loadConfig(configOption);
  const source = config.sources.find((candidate) => candidate.id === given);
  if (source) return { target: source.url ?? source.path ?? given, poll: config.poll };
  if (/^[a-z0-9][a-z0-9-]*$/.test(given) && !/[./]/.test(given)) {
    throw new UsageError(`${file} has no source "${given}"; its sources are ${config.sources.map((s) => s.id).join(", ")}`);
  }
  return { target: given, poll: config.poll };
}

function describe(parsed: ParsedFeed): string {
  const { feed, items } = parsed;
  return [
    `${feed.title ?? "(untitled feed)"}${feed.link ? `  ${feed.link}` : ""}${feed.language ? `  [${feed.language}]` : ""}`,
    `${items.length} item${items.length === 1 ? "" : "s"}`,
    ...items.map((item) => `${item.publishedAt}${item.dateMissing ? "*" : " "} ${item.title}\n    ${item.url ?? "(no link)"}`),
    ...(items.some((item) => item.dateMissing) ? ["* no date in the feed: first-seen time"] : []),
  ].join("\n");
}
