import type { Command } from "commander";
import type { ParsedFeed } from "../../../domain/item.js";
import { createFileFetcher, createHttpFetcher, createParsePool, readFeed, redactUrl, type FetchedBody, type Fetcher } from "../../../ingest/index.js";
import type { CliContext } from "../cli-context.js";

/** `briefing parse <url-or-file>`: fetch (safely) and normalise one feed, without storing anything. */
export function registerParseCommand(program: Command, ctx: CliContext): void {
  program
    .command("parse")
    .description("Fetch or read one feed and print it normalised (feed title, link, items with ids, canonical URLs and UTC dates); a web page is followed to the feed it names.")
    .argument("<url-or-file>", "an http(s) feed or web page URL, or a local file")
    .option("--allow-private-networks", "let the URL reach loopback and private addresses (local testing)")
    .option("--json", "print machine-readable JSON")
    .action(async (target: string, options: { json?: boolean; allowPrivateNetworks?: boolean }) => {
      const isUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(target);
      const fetcher: Fetcher = isUrl
        ? createHttpFetcher({ allowPrivateNetworks: options.allowPrivateNetworks, clock: ctx.io.clock })
        : createFileFetcher();
      const pool = createParsePool({ size: 1 });
      try {
        const parse = (body: FetchedBody) =>
          pool.parse({ bytes: body.body, contentType: body.contentType, baseUrl: isUrl ? body.url : null, sourceId: "parse", now: ctx.io.clock.now().toISOString() });
        // A web page is followed to the feed it names, through the same guarded fetcher.
        const read = await readFeed(fetcher, target, { etag: null, lastModified: null }, parse, { discover: isUrl });
        if (!read.parsed) throw new Error("unexpected not-modified without validators");
        const parsed = read.parsed;
        const items = parsed.items.map(({ sourceId: _sourceId, ...item }) => item);
        const output = { discoveredFeed: read.discovered ? redactUrl(read.discovered) : null, recovered: parsed.recovered ?? null, feed: parsed.feed, items };
        ctx.print(output, Boolean(options.json), () => describe(parsed, output.discoveredFeed));
      } finally {
        await Promise.all([pool.close(), fetcher.close()]);
      }
    });
}

function describe(parsed: ParsedFeed, discoveredFeed: string | null): string {
  const { feed, items } = parsed;
  return [
    ...(discoveredFeed ? [`a web page; read the feed it names: ${discoveredFeed}`] : []),
    ...(parsed.recovered ? [`not well-formed XML (${parsed.recovered}); items read by a forgiving parse`] : []),
    `${feed.title ?? "(untitled feed)"}${feed.link ? `  ${feed.link}` : ""}${feed.language ? `  [${feed.language}]` : ""}`,
    `${items.length} item${items.length === 1 ? "" : "s"}`,
    ...items.map((item) => `${item.publishedAt}${item.dateMissing ? "*" : " "} ${item.title}\n    ${item.url ?? "(no link)"}`),
    ...(items.some((item) => item.dateMissing) ? ["* no date in the feed: first-seen time"] : []),
  ].join("\n");
}
