import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createStore } from "../../src/store/index.js";
import { seededRandom } from "../delivery/seeded-random.js";
import { startFakeDiscord } from "../fakes/fake-discord.js";
import { startFakeSlackApi } from "../fakes/fake-slack-api.js";
import { rssFeed } from "../fakes/feed-xml.js";
import { serveFeed, startFeedServer } from "../fakes/feed-server.js";
import { scratchDatabase, serverUrl } from "../fakes/postgres-for-tests.js";
import { killTree } from "../fakes/process-tree.js";
import { spawnBriefing, type BriefingProcess } from "../fakes/spawn-briefing.js";
import { BOT_TOKEN, SIGNING_SECRET } from "../platforms/slack/slack-test-kit.js";

const FEEDS = 200;
const WORKERS = 3;
const KILLS = 10;
const POLL_MS = 30_000;
/** Every this long each feed gains an item; one feed in ten writes about export controls. */
const GENERATION_MS = 12_000;
const ALICE_SLACK = "U0ALICE";
const ALICE_DISCORD = "1300000000000000777";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, condition: () => boolean | Promise<boolean>, timeoutMs: number, detail: () => string = () => ""): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${detail()}`);
    await sleep(200);
  }
}

// Needs a server that three processes can share: CI's .ci/run starts one and sets DATABASE_URL.
describe.runIf(serverUrl)("three workers on one PostgreSQL, one SIGKILLed and restarted again and again", () => {
  const folder = mkdtempSync(path.join(tmpdir(), "briefing-workers-"));
  const closers: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    rmSync(folder, { recursive: true, force: true });
  });

  it("delivers every message once on both platforms, each digest slot once and in order, and never polls a feed twice within its interval", async () => {
    const random = seededRandom(18_003);
    const database = await scratchDatabase("briefing_crash");
    closers.push(() => database.drop());

    const started = Date.now();
    let frozenAt: number | null = null;
    const generation = () => Math.floor(((frozenAt ?? Date.now()) - started) / GENERATION_MS);
    const vocabulary = Array.from({ length: 5_000 }, (_, n) => `v${n.toString(36)}q${Math.floor(random() * 1e6).toString(36)}`);
    const words = () => Array.from({ length: 7 }, () => vocabulary[Math.floor(random() * vocabulary.length)]).join(" ");
    const titles = new Map<string, string>();
    const titleOf = (feed: number, gen: number) => {
      const key = `${feed}/${gen}`;
      if (!titles.has(key)) titles.set(key, `${feed % 10 === 0 ? "Export controls" : "Local"} ${feed}-${gen} ${words()}`);
      return titles.get(key)!;
    };
    const polls = new Map<string, number[]>();
    const feeds = await startFeedServer();
    closers.push(() => feeds.close());
    for (let n = 0; n < FEEDS; n++) {
      feeds.route(`/f${n}.xml`, (req, res) => {
        polls.set(`/f${n}.xml`, [...(polls.get(`/f${n}.xml`) ?? []), Date.now()]);
        const gen = generation();
        const items = [gen, gen - 1, gen - 2]
          .filter((g) => g >= 0)
          .map((g) => ({ guid: `${n}-${g}`, title: titleOf(n, g), link: `https://example.org/${n}/${g}`, pubDate: new Date(started + g * GENERATION_MS).toUTCString() }));
        return serveFeed({ body: rssFeed(`Feed ${n}`, items) })(req, res);
      });
    }
    const slack = await startFakeSlackApi({ botToken: BOT_TOKEN, channels: [{ id: "C0NEWS", name: "news" }] });
    closers.push(() => slack.close());
    const discord = await startFakeDiscord();
    closers.push(() => discord.close());

    const setup = await createStore({ kind: "postgres", url: database.url });
    const now = new Date().toISOString();
    await setup.store.addWatch({ owner: { platform: "slack", workspaceId: "T0TEST", userId: ALICE_SLACK }, query: '"export controls"', target: `slack:@${ALICE_SLACK}`, createdAt: now });
    await setup.store.addWatch({ owner: { platform: "discord", workspaceId: null, userId: ALICE_DISCORD }, query: '"export controls"', target: `discord-user:${ALICE_DISCORD}`, createdAt: now });
    closers.push(() => setup.close());

    const sources = Array.from({ length: FEEDS }, (_, n) => `  - { id: f${n}, url: ${JSON.stringify(feeds.url(`/f${n}.xml`))} }`).join("\n");
    // One file per worker only so that each writes its run file (pid) to a place of its own.
    const configFor = (worker: number) => {
      const file = path.join(folder, `worker-${worker}.yaml`);
      writeFileSync(
        file,
        `beat: China AI policy
storage: { path: ${JSON.stringify(path.join(folder, `worker-${worker}.db`))} }
poll: { every: 30s, min_interval: 30s, max_interval: 30s, allow_private_networks: true, per_host: 8 }
sources:
${sources}
topics:
  - { id: export-controls, name: Export controls, query: '"export controls"' }
digests:
  - { to: "slack:#news", schedule: "* * * * *", topics: [export-controls], look_back: 10m }
  - { to: "discord:${discord.channelId}", schedule: "* * * * *", topics: [export-controls], look_back: 10m }
`,
      );
      return file;
    };
    const env = {
      DATABASE_URL: database.url,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      DISCORD_TOKEN: discord.token,
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_API_URL: discord.apiUrl,
      LOG_LEVEL: "info",
    };
    const workers: BriefingProcess[] = [];
    const start = (slot: number) => {
      const proc = spawnBriefing(["run", "--config", configFor(slot)], env);
      workers[slot] = proc;
      closers.push(async () => killTree(proc.child.pid!));
      return proc;
    };
    const running = (proc: BriefingProcess) => proc.stderr().includes("running; Ctrl-C stops");
    for (let slot = 0; slot < WORKERS; slot++) start(slot);
    const logs = () => workers.map((proc, n) => `worker ${n}:\n${proc.stderr().slice(-1500)}`).join("\n");
    await until("three workers running", () => workers.every(running), 90_000, logs);

    let kills = 0;
    while (kills < KILLS) {
      await sleep(random.int(3_000, 8_000));
      const slot = random.int(0, WORKERS - 1);
      const victim = workers[slot]!;
      expect(victim.child.exitCode, victim.stderr().slice(-2000)).toBeNull();
      killTree(victim.child.pid!);
      await victim.exited;
      kills += 1;
      start(slot);
    }
    await until("every worker running again", () => workers.every(running), 90_000, logs);
    // No new items from here on: what is left is to poll, alert, post and deliver what is there.
    frozenAt = Date.now();
    const check = await createStore({ kind: "postgres", url: database.url });
    closers.push(() => check.close());
    const allRows = () => check.store.listOutbox(["pending", "sent", "failed"]);
    await sleep(POLL_MS + 5_000);
    let pending: string[] = [];
    await until("the outbox to drain", async () => (pending = (await allRows()).filter((row) => row.status === "pending").map((row) => `${row.key} → ${row.target}, attempts ${row.attempts}, next ${row.nextAttemptAt}, ${row.lastError ?? ""}`)).length === 0, 150_000, () => `${new Date().toISOString()} pending:\n${pending.slice(0, 20).join("\n")}\n${logs()}`);
    for (const proc of workers) proc.child.kill("SIGTERM");
    await Promise.all(workers.map((proc) => proc.exited));

    const rows = await allRows();
    expect(rows.filter((row) => row.status !== "sent" || row.platformMessageId === null).map((row) => `${row.key}: ${row.status} ${row.lastError ?? ""}`)).toEqual([]);
    const onSlack = rows.filter((row) => row.target.startsWith("slack:"));
    const onDiscord = rows.filter((row) => row.target.startsWith("discord"));
    // Every message arrived once: each post the fakes took is one sent row, and no row was posted twice.
    expect(onSlack.length + onDiscord.length).toBe(rows.length);
    expect(sortedIds(slack.messages.map((message) => message.ts))).toEqual(sortedIds(onSlack.map((row) => row.platformMessageId!)));
    expect(sortedIds(discord.messages.map((message) => message.id))).toEqual(sortedIds(onDiscord.map((row) => row.platformMessageId!)));
    expect(repeated(slack.messages.map((message) => `${message.channel} ${message.text} ${JSON.stringify(message.blocks)}`))).toEqual([]);
    expect(repeated(discord.messages.map((message) => `${message.channelId} ${JSON.stringify(message.body.embeds ?? message.body.content)}`))).toEqual([]);

    // Alerts flowed on both platforms, and digests too.
    const alerts = rows.filter((row) => row.group.startsWith("alert"));
    expect(alerts.filter((row) => row.target.startsWith("slack:@")).length).toBeGreaterThan(5);
    expect(alerts.filter((row) => row.target.startsWith("discord-user:")).length).toBeGreaterThan(5);
    const digests = groupBy(rows.filter((row) => row.group.startsWith("digest:")), (row) => row.group);
    for (const target of ["slack:#news", `discord:${discord.channelId}`]) {
      const windows = [...digests.values()].filter((parts) => parts[0]!.target === target).map((parts) => Date.parse(parts[0]!.group.split(":").slice(2).join(":")));
      expect(windows.length, target).toBeGreaterThanOrEqual(2);
      // One digest per minute slot at most: a slot posted by two workers would show two windows in one minute.
      const minutes = windows.map((at) => Math.floor(at / 60_000));
      expect(repeated(minutes.map(String)), target).toEqual([]);
    }
    // A digest's parts arrived in part order.
    const arrival = new Map<string, number>([...slack.messages.map((m, i) => [m.ts, i] as const), ...discord.messages.map((m, i) => [m.id, i] as const)]);
    for (const parts of digests.values()) {
      const order = [...parts].sort((a, b) => a.part - b.part).map((row) => arrival.get(row.platformMessageId!)!);
      expect(order).toEqual([...order].sort((a, b) => a - b));
    }
    // No feed was fetched twice within its interval, whoever polled it.
    const tooSoon = [...polls].flatMap(([feed, times]) => times.slice(1).flatMap((at, i) => (at - times[i]! < POLL_MS - 1_000 ? [`${feed} after ${at - times[i]!} ms`] : [])));
    expect(tooSoon).toEqual([]);
    expect(polls.size).toBe(FEEDS);
    console.info(
      `workers crash test: ${kills} kills, ${rows.length} messages (${alerts.length} alerts, ${digests.size} digests), ` +
        `${slack.callsTo("conversations.history").length} Slack history lookups, ${[...polls.values()].reduce((sum, times) => sum + times.length, 0)} feed fetches`,
    );
  }, 420_000);
});

function sortedIds(ids: Array<string | undefined>): string[] {
  return ids.map(String).sort();
}

function repeated(values: string[]): string[] {
  const seen = new Set<string>();
  return values.filter((value) => (seen.has(value) ? true : (seen.add(value), false)));
}

function groupBy<T>(values: T[], key: (value: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const value of values) groups.set(key(value), [...(groups.get(key(value)) ?? []), value]);
  return groups;
}
