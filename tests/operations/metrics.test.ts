import { afterEach, describe, expect, it } from "vitest";
import { createManualClock } from "../../src/domain/clock.js";
import type { OutboxMessage } from "../../src/domain/outbound.js";
import { DeliveryError } from "../../src/outbox/index.js";
import { meteredSenders } from "../../src/runtime/operations/metered-senders.js";
import { createPrometheusMetrics } from "../../src/runtime/operations/prometheus-metrics.js";
import { startOperationsRig, type OperationsRig } from "./operations-rig.js";

const rigs: OperationsRig[] = [];
afterEach(async () => {
  await Promise.all(rigs.splice(0).map((rig) => rig.close()));
});

/** `name{labels} value` lines of the exposition format, as a map from series to value. */
function series(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const space = line.lastIndexOf(" ");
    out.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return out;
}

describe("/metrics", () => {
  it("counts polls, fetches, items, matches by topic, stories, digests and deliveries after a run, with the Node process metrics", async () => {
    const rig = await startOperationsRig();
    rigs.push(rig);
    await rig.worker.start();
    const response = await fetch(`${rig.baseUrl}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain; version=0.0.4");
    const text = await response.text();
    const values = series(text);
    const sourceCount = rig.app.config.sources.length;
    expect(values.get('briefing_polls_total{outcome="fetched"}')).toBe(sourceCount);
    expect(values.get("briefing_fetch_duration_seconds_count")).toBe(sourceCount);
    const stored = await rig.app.store.countItems();
    expect(values.get("briefing_items_stored_total")).toBe(stored);
    for (const topic of rig.app.config.topics) expect(values.get(`briefing_topic_matches_total{topic="${topic.id}"}`), topic.id).toBeGreaterThan(0);
    expect(values.get("briefing_stories_opened_total")).toBeGreaterThan(0);
    expect(values.get("briefing_stories_opened_total")).toBeLessThanOrEqual(stored);
    expect(values.get('briefing_digest_builds_total{digest="daily"}')).toBe(1);
    expect(values.get('briefing_delivery_latency_seconds_count{platform="console"}')).toBe(rig.printed.length);
    for (const name of ["process_cpu_user_seconds_total", "process_resident_memory_bytes", "nodejs_heap_size_used_bytes", "nodejs_eventloop_lag_seconds"]) {
      expect(text, name).toContain(`# TYPE ${name}`);
    }
  });

  it("reports outbox depth by state and platform, and paused destinations by platform, as they are now", async () => {
    const rig = await startOperationsRig();
    rigs.push(rig);
    const now = rig.clock.now().toISOString();
    const message = (key: string, target: string) => ({ key, target, group: key, part: 0, payload: { kind: "text" as const, text: "x" } });
    await rig.app.store.enqueue([message("a", "slack:#news"), message("b", "slack:#news"), message("c", "discord:130000000000000001"), message("d", "discord-user:130000000000000002")], now);
    await rig.app.store.pauseTarget("discord:130000000000000001", "Unknown Channel", now);
    const [failed] = await rig.app.store.listOutbox(["pending"]);
    await rig.app.store.markFailed(failed!.id, "not_in_channel");
    const values = series(await (await fetch(`${rig.baseUrl}/metrics`)).text());
    expect(values.get('briefing_outbox_messages{state="pending",platform="slack"}')).toBe(1);
    expect(values.get('briefing_outbox_messages{state="failed",platform="slack"}')).toBe(1);
    expect(values.get('briefing_outbox_messages{state="pending",platform="discord"}')).toBe(2);
    expect(values.get('briefing_paused_destinations{platform="discord"}')).toBe(1);

    await rig.app.store.resumeTarget("discord:130000000000000001");
    const after = series(await (await fetch(`${rig.baseUrl}/metrics`)).text());
    expect(after.has('briefing_paused_destinations{platform="discord"}')).toBe(false);
  });
});

describe("meteredSenders", () => {
  const clock = createManualClock("2026-01-15T02:00:10.000Z");
  const message = (target: string): OutboxMessage => ({
    id: 1, key: "k", target, group: "g", part: 0, payload: { kind: "text", text: "x" }, status: "pending",
    attempts: 0, nextAttemptAt: "2026-01-15T02:00:00.000Z", createdAt: "2026-01-15T02:00:00.000Z", sentAt: null, platformMessageId: null, lastError: null,
  });

  it("times a delivery from queueing to acceptance and counts only rate limits as 429s", async () => {
    const { metrics, render } = createPrometheusMetrics({ defaultMetrics: false });
    const outcomes: Array<() => Promise<{ platformMessageId: string | null }>> = [
      async () => ({ platformMessageId: "1.2" }),
      async () => { throw new DeliveryError("retry", "slack rate limited", { retryAfterMs: 3_000 }); },
      async () => { throw new DeliveryError("retry", "socket hang up"); },
      async () => { throw new DeliveryError("permanent", "channel_not_found"); },
    ];
    const senderFor = meteredSenders(() => ({ send: () => outcomes.shift()!() }), metrics, clock);
    await senderFor("slack:#news")!.send(message("slack:#news"));
    for (let n = 0; n < 3; n++) await expect(senderFor("slack:#news")!.send(message("slack:#news"))).rejects.toThrow(DeliveryError);
    const values = series(await render());
    expect(values.get('briefing_delivery_latency_seconds_count{platform="slack"}')).toBe(1);
    expect(values.get('briefing_delivery_latency_seconds_sum{platform="slack"}')).toBe(10);
    expect(values.get('briefing_delivery_latency_seconds_bucket{le="5",platform="slack"}')).toBe(0);
    expect(values.get('briefing_delivery_latency_seconds_bucket{le="15",platform="slack"}')).toBe(1);
    expect(values.get('briefing_rate_limited_total{platform="slack"}')).toBe(1);
  });

  it("gives no sender for a target no platform serves", () => {
    const { metrics } = createPrometheusMetrics({ defaultMetrics: false });
    expect(meteredSenders(() => null, metrics, clock)("slack:#news")).toBeNull();
  });
});
