import type { Command } from "commander";
import type { SourceState } from "../../../domain/source-state.js";
import { maskUrl, maskUrlsInText, sameLocation } from "../../../domain/mask-url.js";
import { feedHealthOf } from "../../../domain/feed-health-of.js";
import { pauseReason } from "../../../ingest/index.js";
import type { CliContext } from "../cli-context.js";
import { openApp } from "../open-app.js";
import { registerFeedsOpmlCommands } from "./feeds-opml-command.js";

/** `briefing feeds`: the health of every configured source, from the stored poll state. */
export function registerFeedsCommand(program: Command, ctx: CliContext): void {
  const feeds = program
    .command("feeds")
    .description("Show each source's health: last success, last error, failures in a row, and why a paused feed is paused.")
    .option("-c, --config <file>", "config file")
    .option("--json", "print machine-readable JSON")
    .action(async (options: { config?: string; json?: boolean }) => {
      const { app, loaded } = await openApp(ctx, options.config);
      try {
        const states = new Map((await app.store.listSourceStates()).map((state) => [state.sourceId, state]));
        const now = ctx.io.clock.now();
        const feeds = loaded.config.sources.map((source) => {
          const state = states.get(source.id) ?? null;
          const health = feedHealthOf(state, now);
          return {
            id: source.id,
            location: source.url ? maskUrl(source.url) : (source.path ?? ""),
            movedTo: movedToOf(source.url, state),
            discoveredFeed: discoveredFeedOf(source.url, state),
            recovered: state?.recovered ?? null,
            health,
            lastSuccessAt: state?.lastSuccessAt ?? null,
            lastPolledAt: state?.lastPolledAt ?? null,
            lastError: state?.lastError ? maskUrlsInText(state.lastError) : null,
            consecutiveFailures: state?.consecutiveFailures ?? 0,
            pausedUntil: state?.pausedUntil ?? null,
            nextPollAt: state?.nextPollAt ?? null,
            intervalMs: state?.intervalMs ?? null,
            reason: state && health === "paused" ? maskUrlsInText(pauseReason(state) ?? "") : null,
          };
        });
        ctx.print({ feeds }, Boolean(options.json), () =>
          feeds
            .map((feed) => {
              const lines = [`${feed.health.padEnd(12)} ${feed.id}  ${feed.location}`];
              if (feed.health === "paused") lines.push(`    ${feed.reason}`);
              else if (feed.health === "failing") lines.push(`    ${feed.consecutiveFailures} failure(s) in a row: ${feed.lastError}`);
              if (feed.lastSuccessAt && (feed.health === "ok" || feed.health === "recovered")) lines.push(`    last success ${feed.lastSuccessAt}, next poll ${feed.nextPollAt ?? "now"}`);
              if (feed.health === "recovered") lines.push(`    not well-formed XML (${feed.recovered}); its items were read by a forgiving parse`);
              if (feed.movedTo) lines.push(`    moved to ${feed.movedTo}; update the config`);
              if (feed.discoveredFeed) lines.push(`    a web page; polling the feed it names, ${feed.discoveredFeed}`);
              return lines.join("\n");
            })
            .join("\n"),
        );
      } finally {
        await app.close();
      }
    });
  registerFeedsOpmlCommands(feeds, ctx);
}

/** The feed found on the configured web page, while the config still names the page. */
function discoveredFeedOf(url: string | undefined, state: SourceState | null): string | null {
  return url && state?.discoveredFeed && sameLocation(state.location, url) ? maskUrl(state.discoveredFeed) : null;
}

/** Where a feed polled at its configured URL has moved to, while the config still says the old one. */
function movedToOf(url: string | undefined, state: SourceState | null): string | null {
  return url && state?.movedTo && sameLocation(state.location, url) ? maskUrl(state.movedTo) : null;
}
