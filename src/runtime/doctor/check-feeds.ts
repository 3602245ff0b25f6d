import type { BriefingConfig } from "../../config/config-schema.js";
import type { Clock } from "../../domain/clock.js";
import type { SetupCheck } from "../../domain/setup-check.js";
import { createIngester } from "../../ingest/index.js";

/** Fetches and parses every source once, as a poll would, without storing anything. */
export async function checkFeeds(config: BriefingConfig, clock: Clock): Promise<SetupCheck[]> {
  const ingester = createIngester({
    clock,
    defaultIntervalMs: config.poll.every,
    concurrency: config.poll.concurrency,
    perHostConcurrency: config.poll.per_host,
    timeoutMs: config.poll.timeout,
    maxBytes: config.poll.max_bytes,
    allowPrivateNetworks: config.poll.allow_private_networks,
  });
  const results = new Map<string, SetupCheck>();
  try {
    const jobs = config.sources.map((source) => ({ source: { id: source.id, url: source.url, path: source.path, weight: source.weight, everyMs: source.every }, state: null }));
    await ingester.pollAll(jobs, (result, { source }) => {
      const name = `feed ${source.id}`;
      results.set(
        source.id,
        result.status === "failed"
          ? { name, ok: false, detail: result.error?.message ?? "the poll failed", fix: `check ${source.url ? "the URL" : "the file"} in the config; \`briefing feeds\` shows its history` }
          : { name, ok: true, detail: `answers with ${result.items.length} item(s)` },
      );
    });
  } finally {
    await ingester.close();
  }
  return config.sources.map((source) => results.get(source.id) ?? { name: `feed ${source.id}`, ok: false, detail: "was not polled" });
}
