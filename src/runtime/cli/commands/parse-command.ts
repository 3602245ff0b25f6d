import { existsSync } from "node:fs";
import type { Command } from "commander";
import type { ParsedFeed } from "../../../domain/item.js";
import { createFileFetcher, createHttpFetcher, createParsePool, FetchError, readFeed, type FetchedBody, type Fetcher } from "../../../ingest/index.js";
import { UsageError } from "../../../domain/errors.js";
import { maskUrl } from "../../../domain/mask-url.js";
import type { CliContext } from "../cli-context.js";

/**
 * `briefing parse <url-or-file>`: fetch (safely) and normalise one feed, without storing anything. With
 * `--config`, the target may also be a configured source's id, and the config's fetch limits apply.
 */
export function registerParseCommand(program: Command, ctx: CliContext): void {
  program
    .command("parse")
    .description("Fetch or read one feed and print it normalised (feed title, link, items with ids, canonical URLs and UTC dates); a web page is followed to the feed it names.")
    .argument("<url-or-file>", "an http(s) feed or web page URL, a local file, or a source id of the config")
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
        const parse = (body: FetchedBody) =>
          pool.parse({ bytes: body.body, contentType: body.contentType, baseUrl: isUrl ? body.url : null, sourceId: "parse", now: ctx.io.clock.now().toISOString() });
        // A web page is followed to the feed it names, through the same guarded fetcher.
        const read = await readFeed(fetcher, target, { etag: null, lastModified: null }, parse, { discover: isUrl }).catch((error: unknown) => {
          // A file's error does not say which file; a URL's would only repeat what was typed.
          if (!isUrl && error instanceof FetchError && error.kind === "file") throw new UsageError(`${target}: ${error.message}`);
          if (error instanceof FetchError && error.kind === "blocked-address" && !options.allowPrivateNetworks) {
            throw new UsageError(`${error.message}; to read a feed on this machine or your network, add --allow-private-networks`);
          }
          throw error;
        });
        if (!read.parsed) throw new Error("unexpected not-modified without validators");
        const parsed = read.parsed;
        const items = parsed.items.map(({ sourceId: _sourceId, ...item }) => item);
        const output = { discoveredFeed: read.discovered ? maskUrl(read.discovered) : null, recovered: parsed.recovered ?? null, feed: parsed.feed, items };
        ctx.print(output, Boolean(options.json), () => describe(parsed, output.discoveredFeed));
      } finally {
        await Promise.all([pool.close(), fetcher.close()]);
      }
    });
}

/**
 * A URL or an existing file is taken as typed. A source id names that source's URL or file, looked up in
 * --config, or without it in the default config; with --config the config's fetch limits apply too.
 */
async function resolveTarget(ctx: CliContext, given: string, configOption: string | undefined) {
  const looksLikeId = /^[a-z0-9][a-z0-9-]*$/.test(given);
  if (configOption === undefined && (!looksLikeId || existsSync(given))) return { target: given, poll: null };
  const { config, file } = await ctx.loadConfig(configOption).catch((error: unknown) => {
    if (configOption !== undefined) throw error;
    throw new UsageError(`${given}: no such file, and no config to look it up as a source id (${error instanceof Error ? error.message : String(error)})`);
  });
  const source = config.sources.find((candidate) => candidate.id === given);
  if (source) return { target: source.url ?? source.path ?? given, poll: configOption === undefined ? null : config.poll };
  if (looksLikeId) {
    const what = configOption === undefined ? `"${given}" is neither a file nor a source of ${file}` : `${file} has no source "${given}"`;
    throw new UsageError(`${what}; its sources are ${config.sources.map((s) => s.id).join(", ")}`);
  }
  return { target: given, poll: config.poll };
}

function describe(parsed: ParsedFeed, discoveredFeed: string | null): string {
  const { feed, items } = parsed;
  return [
    ...(discoveredFeed ? [`a web page; read the feed it names: ${discoveredFeed}`] : []),
    ...(parsed.recovered ? [`not well-formed XML (${parsed.recovered}); items read by a forgiving parse`] : []),
    `${feed.title ?? "(untitled feed)"}${feed.link ? `  ${feed.link}` : ""}${feed.language ? `  [${feed.language}]` : ""}`,
    `${items.length} item${items.length === 1 ? "" : "s"}`,
    ...items.map((item) => `${item.publishedAt}${item.dateMissing ? "*" : " "} ${item.title}\n    ${item.url ?? "(no link)"}`),
    ...(items.some((item) => item.dateMissing && !item.dateImplausible) ? ["* no date in the feed: first-seen time"] : []),
    ...(items.some((item) => item.dateImplausible) ? ["* a date that cannot be true (before 1995, or more than a day ahead): first-seen time; such items never alert"] : []),
  ].join("\n");
}
