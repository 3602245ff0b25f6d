/**
 * npm run bench:deliver [-- --count 10000 --discord-channels 50 --slack-channels 100 --parallel 8]
 *
 * Delivers `count` alerts through the real outbox relay, SQLite outbox and Slack and Discord senders to
 * the fake platforms on loopback, at the platforms' real limits: Discord's per-channel message bucket
 * (5 per 5 s, enforced by the fake with 429s) under @discordjs/rest's 50 requests/s global cap, and Slack's
 * one message per second per channel (the sender's pacer; the fake records when each post arrived).
 * Alerts are split between the platforms in proportion to what they can take, so both drain together.
 * Prints throughput, time to drain, 429s received, and whether any limit was exceeded.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { systemClock } from "../src/domain/clock.js";
import type { NewOutboxMessage } from "../src/domain/outbound.js";
import { createOutboxRelay, type Sender } from "../src/outbox/index.js";
import { createSqliteStore, openDatabase } from "../src/store/index.js";
import { alert, deliveryProblems, discordDeliveries, slackDeliveries } from "../tests/delivery/delivery-workload.js";
import { createRealSenders } from "../tests/delivery/real-senders.js";
import { startFakeDiscord } from "../tests/fakes/fake-discord.js";
import { startFakeSlackApi } from "../tests/fakes/fake-slack-api.js";

const { values } = parseArgs({
  options: {
    count: { type: "string", default: "10000" },
    "discord-channels": { type: "string", default: "50" },
    "slack-channels": { type: "string", default: "100" },
    parallel: { type: "string", default: "8" },
  },
});
const count = Number(values.count);
const discordChannels = Number(values["discord-channels"]);
const slackChannels = Number(values["slack-channels"]);
const parallelTargets = Number(values.parallel);
const DISCORD_BUCKET = { limit: 5, windowMs: 5_000 };
const DISCORD_GLOBAL_PER_S = 50;
const SLACK_INTERVAL_MS = 1_000;
const SLACK_TOKEN = "xoxb-bench-0000-secret";

const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const dir = mkdtempSync(path.join(tmpdir(), "bench-deliver-"));
const slack = await startFakeSlackApi({
  botToken: SLACK_TOKEN,
  channels: Array.from({ length: slackChannels }, (_, i) => ({ id: `C${String(i).padStart(6, "0")}`, name: `ch${i}` })),
});
const discord = await startFakeDiscord({ channelRateLimit: DISCORD_BUCKET });
for (let i = discord.channels.size; i < discordChannels; i += 1) discord.channels.add(String(1_400_000_000_000_000_000n + BigInt(i)));
const discordTargets = [...discord.channels].slice(0, discordChannels).map((id) => `discord:${id}`);
const slackTargets = Array.from({ length: slackChannels }, (_, i) => `slack:C${String(i).padStart(6, "0")}`);

// Split by capacity (messages per second each platform allows), interleaved as alerts would arrive.
const discordRate = Math.min(discordChannels * (DISCORD_BUCKET.limit / (DISCORD_BUCKET.windowMs / 1000)), DISCORD_GLOBAL_PER_S);
const slackRate = slackChannels * (1000 / SLACK_INTERVAL_MS);
const messages: NewOutboxMessage[] = [];
let onDiscord = 0;
for (let n = 0; n < count; n += 1) {
  const toDiscord = onDiscord < ((n + 1) * discordRate) / (discordRate + slackRate);
  const targets = toDiscord ? discordTargets : slackTargets;
  const index = toDiscord ? onDiscord++ : n - onDiscord;
  messages.push(alert(targets[index % targets.length]!, n));
}

const store = createSqliteStore(openDatabase(path.join(dir, "bench.sqlite")));
await store.enqueue(messages, new Date().toISOString());
const senders = createRealSenders({
  slack: { apiUrl: slack.apiUrl, token: SLACK_TOKEN, intervalMs: SLACK_INTERVAL_MS },
  discord: { apiUrl: discord.apiUrl, token: discord.token },
  log: quiet,
  clock: systemClock,
});
const lastSent = { slack: 0, discord: 0 };
const timed = (platform: keyof typeof lastSent, sender: Sender): Sender => ({
  async send(message) {
    const result = await sender.send(message);
    lastSent[platform] = performance.now();
    return result;
  },
});
const slackSender = timed("slack", senders.slack);
const discordSender = timed("discord", senders.discord);
const relay = createOutboxRelay({
  store,
  senderFor: (target) => (target.startsWith("slack:") ? slackSender : discordSender),
  clock: systemClock,
  log: quiet,
  parallelTargets,
});

console.log(`\nbench:deliver — ${count} alerts, relay parallelTargets ${parallelTargets}; Discord: ${discordChannels} channels, bucket ${DISCORD_BUCKET.limit} per ${DISCORD_BUCKET.windowMs / 1000} s, ${DISCORD_GLOBAL_PER_S}/s global; Slack: ${slackChannels} channels, 1 per ${SLACK_INTERVAL_MS / 1000} s each`);
const start = performance.now();
const progress = setInterval(() => console.log(`  ${slack.messages.length + discord.messages.length} delivered after ${((performance.now() - start) / 1000).toFixed(0)} s`), 10_000);
for (;;) {
  await relay.drain();
  const pending = await store.listOutbox(["pending"]);
  if (pending.length === 0) break;
  const next = Math.min(...pending.map((m) => Date.parse(m.nextAttemptAt)));
  await new Promise((resolve) => setTimeout(resolve, Math.min(Math.max(next - Date.now(), 10), 1_000)));
}
const seconds = (performance.now() - start) / 1000;
clearInterval(progress);

/**
 * Most posts one Slack channel received in `seconds` consecutive seconds of Slack's clock (the ts seconds).
 * Slack allows one a second per channel "with short bursts": network jitter alone can put two posts paced
 * a second apart into one ts-second, so the limit checked is the rate over 10 s (at most 10, plus 1).
 */
function slackPeak(seconds: number): number {
  const perChannel = new Map<string, number[]>();
  for (const m of slack.messages) perChannel.set(m.channel, [...(perChannel.get(m.channel) ?? []), Number(m.ts.split(".")[0])]);
  let peak = 0;
  for (const times of perChannel.values()) {
    for (let i = 0, j = 0; j < times.length; j += 1) {
      while (times[j]! - times[i]! >= seconds) i += 1;
      peak = Math.max(peak, j - i + 1);
    }
  }
  return peak;
}

const sentTo = (prefix: string) => messages.filter((m) => m.target.startsWith(prefix));
const channelOf = (target: string) => target.replace(/^[a-z]+:/, "");
const rows = [
  {
    platform: "discord",
    messages: sentTo("discord:").length,
    channels: discordChannels,
    limit: `${DISCORD_BUCKET.limit}/${DISCORD_BUCKET.windowMs / 1000}s per channel, ${DISCORD_GLOBAL_PER_S}/s`,
    seconds: (lastSent.discord - start) / 1000,
    received429: discord.requests.filter((r) => r.status === 429).length,
    exceeded: discord.rateLimitHits > 0 ? `yes: ${discord.rateLimitHits} refused by the bucket` : "no (0 refused by the bucket)",
    problems: deliveryProblems(sentTo("discord:"), discordDeliveries(discord), channelOf),
  },
  {
    platform: "slack",
    messages: sentTo("slack:").length,
    channels: slackChannels,
    limit: "1/s per channel",
    seconds: (lastSent.slack - start) / 1000,
    received429: slack.calls.filter((c) => c.method === "chat.postMessage").length - slack.messages.length,
    exceeded: `${slackPeak(10) > 11 ? "yes" : "no"}: peak ${slackPeak(10)} posts per channel in 10 s, ${slackPeak(1)} in 1 s`,
    problems: deliveryProblems(sentTo("slack:"), slackDeliveries(slack), channelOf),
  },
];
console.table(
  rows.map((r) => ({
    platform: r.platform,
    messages: r.messages,
    channels: r.channels,
    "platform limit": r.limit,
    "drained in (s)": r.seconds.toFixed(1),
    "msgs/s": (r.messages / r.seconds).toFixed(1),
    "ideal msgs/s": (r.platform === "discord" ? discordRate : slackRate).toFixed(0),
    "429s received": r.received429,
    "limit exceeded": r.exceeded,
    "exactly once, in order": r.problems.length === 0 ? "yes" : `NO: ${r.problems.length} problems, e.g. ${r.problems[0]}`,
  })),
);
console.log(`all ${count} alerts drained in ${seconds.toFixed(1)} s: ${(count / seconds).toFixed(1)} msgs/s overall`);

await Promise.all([slack.close(), discord.close(), store.close()]);
rmSync(dir, { recursive: true, force: true });
process.exit(rows.some((r) => r.problems.length > 0 || r.exceeded.startsWith("yes")) ? 1 : 0);
