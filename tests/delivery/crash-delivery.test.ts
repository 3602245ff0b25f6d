import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createSqliteStore, openDatabase } from "../../src/store/index.js";
import { startFakeDiscord, type FakeDiscord } from "../fakes/fake-discord.js";
import { startFakeSlackApi, type FakeSlackApi } from "../fakes/fake-slack-api.js";
import { startDelayProxy, type DelayProxy } from "./delay-proxy.js";
import { buildWorkload, deliveryProblems, discordDeliveries, slackDeliveries } from "./delivery-workload.js";
import { seededRandom } from "./seeded-random.js";
import { spawnWorker, type WorkerProcess } from "./worker-process.js";

const SEED = 20_260_115;
const SLACK_TOKEN = "xoxb-crash-test-0000-secret";
const SLACK_CHANNELS = [
  { id: "C0NEWS", name: "news" },
  { id: "C0DESK", name: "desk" },
  { id: "C0MARKETS", name: "markets" },
  { id: "C0ALERTS", name: "alerts" },
];
const EXTRA_DISCORD_CHANNELS = ["1400000000000000001", "1400000000000000002"];
/**
 * Ten runs SIGKILLed by the harness at a random moment (after a random number of posts, plus a random
 * delay), and four that SIGKILL themselves after a random number of accepted posts, between the platform's
 * 200 and the outbox's markSent. Loading the SDKs takes seconds per process, which bounds the count.
 */
const SCHEDULE = Array.from({ length: 14 }, (_, i): "self" | "timed" => (i % 7 === 3 || i % 7 === 6 ? "self" : "timed"));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await sleep(5);
}

describe("crash safety: SIGKILL at random moments while delivering", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "briefing-crash-"));
  const closers: Array<() => Promise<void>> = [];
  afterAll(async () => {
    await Promise.all(closers.map((close) => close()));
    rmSync(dir, { recursive: true, force: true });
  });

  it("delivers every message exactly once, in order, on both platforms", async () => {
    const random = seededRandom(SEED);
    const slack: FakeSlackApi = await startFakeSlackApi({ botToken: SLACK_TOKEN, channels: SLACK_CHANNELS });
    const discord: FakeDiscord = await startFakeDiscord();
    for (const id of EXTRA_DISCORD_CHANNELS) discord.channels.add(id);
    const proxy = (upstream: string): Promise<DelayProxy> => startDelayProxy({ upstream, random: seededRandom(random.int(1, 1e9)), beforeMs: [0, 8], afterMs: [15, 60] });
    const slackProxy = await proxy(new URL(slack.apiUrl).origin);
    const discordProxy = await proxy(new URL(discord.apiUrl).origin);
    closers.push(slack.close, discord.close, slackProxy.close, discordProxy.close);

    const discordChannels = [discord.channelId, discord.otherChannelId, ...EXTRA_DISCORD_CHANNELS];
    const targets = ["slack:#news", "slack:#desk", "slack:C0MARKETS", "slack:C0ALERTS", ...discordChannels.map((id) => `discord:${id}`)];
    const channelOf = (target: string) => SLACK_CHANNELS.find((c) => target === `slack:#${c.name}`)?.id ?? target.replace(/^[a-z]+:/, "");
    const enqueued = buildWorkload(random, { targets, digests: 8, partsPerDigest: 5, alerts: 400 });
    const db = path.join(dir, "briefing.sqlite");
    const setup = createSqliteStore(openDatabase(db));
    await setup.enqueue(enqueued, new Date().toISOString());
    await setup.close();

    const config = {
      db,
      slackApiUrl: `${slackProxy.origin}/api/`,
      slackToken: SLACK_TOKEN,
      discordApiUrl: `${discordProxy.origin}/api`,
      discordToken: discord.token,
      slackIntervalMs: 20,
      baseBackoffMs: 100,
    };
    const posted = () => slack.messages.length + discord.messages.length;
    const kills = { byHarness: 0, selfInflicted: 0 };
    const spawn = (): WorkerProcess => {
      const worker = spawnWorker();
      closers.push(async () => worker.kill());
      return worker;
    };
    // The next worker is started while the current one runs: loading the SDKs takes seconds.
    let next = spawn();
    for (const kind of SCHEDULE) {
      // A response lost after the platform did the work, on each platform, once per run.
      slack.failNext("chat.postMessage", { kind: "drop" });
      discord.fail({ method: "POST", path: /^\/channels\/\d+\/messages$/ }, { kind: "drop-response" });
      const before = posted();
      const worker = next;
      worker.start({ ...config, killAfterSends: kind === "self" ? random.int(2, 14) : null });
      next = spawn();
      if (kind === "timed") {
        const threshold = random.int(3, 20);
        await until(() => worker.hasEnded() || posted() >= before + threshold);
        await sleep(random.int(0, 40));
        if (!worker.hasEnded()) {
          worker.kill();
          kills.byHarness += 1;
        }
      }
      const end = await worker.ended;
      if (kind === "self" && end.signal === "SIGKILL") kills.selfInflicted += 1;
      expect(end.code ?? 0, worker.output()).toBe(0);
    }

    const last = next;
    last.start({ ...config, killAfterSends: null });
    expect(await last.ended, last.output()).toEqual({ code: 0, signal: null });

    const deliveries = [...slackDeliveries(slack), ...discordDeliveries(discord)];
    expect(deliveryProblems(enqueued, deliveries, channelOf)).toEqual([]);
    const check = createSqliteStore(openDatabase(db));
    const rows = await check.listOutbox(["pending", "sent", "failed"]);
    await check.close();
    expect(rows.filter((m) => m.status !== "sent" || m.platformMessageId === null)).toEqual([]);
    expect(kills.byHarness).toBeGreaterThanOrEqual(10);
    expect(kills.selfInflicted).toBeGreaterThanOrEqual(4);
    // Messages in doubt were reconciled, not reposted: Slack looked them up, Discord matched their nonce.
    expect(slack.callsTo("conversations.history").length).toBeGreaterThan(0);
    expect(discord.requests.filter((r) => r.method === "POST").length).toBeGreaterThan(discord.messages.length);
    console.info(
      `crash test: ${enqueued.length} messages, ${kills.byHarness} kills by the harness, ${kills.selfInflicted} between post and markSent, ` +
        `${slack.callsTo("conversations.history").length} Slack history lookups, ${rows.filter((m) => m.attempts > 1).length} messages sent on a later attempt`,
    );
  }, 180_000);
});
