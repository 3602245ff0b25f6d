import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { Metrics } from "../../domain/metrics.js";

/** Queue depth and paused destinations, read from the store when Prometheus scrapes. */
export interface OutboxGauges {
  /** Pending and failed messages per state and platform. */
  depth(): Promise<Array<{ state: string; platform: string; count: number }>>;
  /** Paused destinations per platform. */
  paused(): Promise<Array<{ platform: string; count: number }>>;
}

export interface PrometheusMetrics {
  metrics: Metrics;
  /** Where the outbox gauges read from; set once the store is open. */
  watchOutbox(gauges: OutboxGauges): void;
  registry: Registry;
  /** The text exposition format, for `GET /metrics`. */
  render(): Promise<string>;
}

/** Backs the `Metrics` the stages call with prom-client, in a registry of its own (no process globals). */
export function createPrometheusMetrics(options: { defaultMetrics?: boolean } = {}): PrometheusMetrics {
  let outbox: OutboxGauges | null = null;
  const registry = new Registry();
  const registers = [registry];
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  const polls = new Counter({ name: "briefing_polls_total", help: "Polls of one source, by how they ended.", labelNames: ["outcome"], registers });
  const fetch = new Histogram({
    name: "briefing_fetch_duration_seconds",
    help: "Time one feed fetch took, success or not.",
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
    registers,
  });
  const stored = new Counter({ name: "briefing_items_stored_total", help: "Items stored for the first time.", registers });
  const matches = new Counter({ name: "briefing_topic_matches_total", help: "Stored items that passed a topic's threshold, by topic.", labelNames: ["topic"], registers });
  const stories = new Counter({ name: "briefing_stories_opened_total", help: "New story clusters.", registers });
  const digests = new Counter({ name: "briefing_digest_builds_total", help: "Digest runs, by digest id.", labelNames: ["digest"], registers });
  const latency = new Histogram({
    name: "briefing_delivery_latency_seconds",
    help: "From a message entering the outbox to the platform accepting it.",
    labelNames: ["platform"],
    buckets: [0.1, 0.5, 1, 2, 5, 15, 60, 300, 900, 3600],
    registers,
  });
  const limited = new Counter({ name: "briefing_rate_limited_total", help: "Platform answers of 429 (rate limited).", labelNames: ["platform"], registers });
  new Gauge({
    name: "briefing_outbox_messages",
    help: "Messages in the outbox, by state and platform.",
    labelNames: ["state", "platform"],
    registers,
    async collect() {
      this.reset();
      for (const row of (await outbox?.depth()) ?? []) this.set({ state: row.state, platform: row.platform }, row.count);
    },
  });
  new Gauge({
    name: "briefing_paused_destinations",
    help: "Destinations the bot stopped posting to until an operator acts, by platform.",
    labelNames: ["platform"],
    registers,
    async collect() {
      this.reset();
      for (const row of (await outbox?.paused()) ?? []) this.set({ platform: row.platform }, row.count);
    },
  });

  const metrics: Metrics = {
    pollDone: (outcome) => polls.inc({ outcome }),
    fetchSeconds: (seconds) => fetch.observe(Math.max(0, seconds)),
    itemsStored: (count) => stored.inc(count),
    topicMatched: (topic) => matches.inc({ topic }),
    storyOpened: () => stories.inc(),
    digestBuilt: (digest) => digests.inc({ digest }),
    delivered: (platform, seconds) => latency.observe({ platform }, Math.max(0, seconds)),
    rateLimited: (platform) => limited.inc({ platform }),
  };
  return {
    metrics,
    registry,
    watchOutbox(gauges) {
      outbox = gauges;
    },
    render: () => registry.metrics(),
  };
}
