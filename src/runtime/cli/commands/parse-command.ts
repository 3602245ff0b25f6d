import type { Command } from "commander";
import type { ParsedFeed } from "../../../domain/item.js";
import { createFileFetcher, createHttpFetcher, createParsePool, type Fetcher } from "../../../ingest/index.js";
import type { CliContext } from "../cli-context.js";

/** `briefing parse <url-or-file>`: fetch (safely) and normalise one feed, without storing anything. */
export function registerParseCommand(program: Command, ctx: CliContext): void {
  program
    .command("parse")
    .description("Fetch or read one feed and print it normalised (feed title, link, items with ids, canonical URLs and UTC dates).")
    .argument("<url-or-file>", "an http(s) feed URL or a local file")
    .option("--allow-private-networks", "let the URL reach loopback and private addresses (local testing)")
    .option("--json", "print machine-readable JSON")
    .action(async (target: string, options: { json?: boolean; allowPrivateNetworks?: boolean }) => {
      const isUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(target);
      const fetcher: Fetcher = isUrl
        ? createHttpFetcher({ allowPrivateNetworks: options.allowPrivateNetworks, clock: ctx.io.clock })
        : createFileFetcher();
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

function describe(parsed: ParsedFeed): string {
  const { feed, items } = parsed;
  return [
    `${feed.title ?? "(untitled feed)"}${feed.link ? `  ${feed.link}` : ""}${feed.language ? `  [${feed.language}]` : ""}`,
    `${items.length} item${items.length === 1 ? "" : "s"}`,
    ...items.map((item) => `${item.publishedAt}${item.dateMissing ? "*" : " "} ${item.title}\n    ${item.url ?? "(no link)"}`),
    ...(items.some((item) => item.dateMissing) ? ["* no date in the feed: first-seen time"] : []),
  ].join("\n");
}
