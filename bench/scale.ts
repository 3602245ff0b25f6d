/**
 * npm run bench:scale [-- --feeds 10000 --alerts 10000 --workers 1,2,3 --stores sqlite,postgres]
 *
 * `briefing run` processes at work on `feeds` local feeds whose items raise `alerts` watch alerts
 * (200 watchers, each a Slack DM paced at Slack's one message a second) on their second poll, a
 * minute after the first, on PostgreSQL with 1, 2 and
 * 3 workers (pg-boss sharing the work) and on SQLite with its one worker. Per run: time until every
 * feed was polled once, time until every alert was accepted by the fake Slack, alerts per second,
 * p50/p95 alert latency (item first stored → message accepted) and the peak RSS of each worker.
 * PostgreSQL runs need DATABASE_URL (a server where a scratch database can be created).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createPgPoolClient } from "../src/store/postgres/pg-pool-client.js";
import { createStore, type StorageChoice } from "../src/store/index.js";
import { slackHttpEnv } from "../tests/fakes/e2e-context.js";
import { startFakeSlackApi } from "../tests/fakes/fake-slack-api.js";
import { rssFeed } from "../tests/fakes/feed-xml.js";
import { serveFeed, startFeedServer } from "../tests/fakes/feed-server.js";
import { peakRssMb, processTree } from "../tests/fakes/process-tree.js";
import { spawnBriefing, type BriefingProcess } from "../tests/fakes/spawn-briefing.js";
import { BOT_TOKEN } from "../tests/platforms/slack/slack-test-kit.js";
import { seededRandom } from "./seeded-random.js";

const { values } = parseArgs({
  options: {
    feeds: { type: "string", default: "10000" },
    alerts: { type: "string", default: "10000" },
    workers: { type: "string", default: "1,2,3" },
    stores: { type: "string", default: "sqlite,postgres" },
    timeout: { type: "string", default: "900" },
  },
});
const feedCount = Number(values.feeds);
const alertCount = Math.min(Number(values.alerts), feedCount);
const WATCHERS = 200;
const timeoutMs = Number(values.timeout) * 1000;
const serverUrl = process.env.DATABASE_URL || null;

// Items with words drawn from a large vocabulary, so that no two are one story; the first `alertCount`
// carry their watcher's tag.
const random = seededRandom(18);
const vocabulary = Array.from({ length: 20_000 }, (_, n) => `w${n.toString(36)}x${Math.floor(random() * 1e6).toString(36)}`);
// A feed's first poll only learns what it holds (it alerts nobody), so each feed starts with an old
// item and gains a new one once every feed has been polled: the second round raises the alerts.
const publishedAt = new Date(Date.now() - 3_600_000).toUTCString();
let secondRound = false;
const feeds = await startFeedServer();
for (let n = 0; n < feedCount; n++) {
  const words = Array.from({ length: 8 }, () => vocabulary[Math.floor(random() * vocabulary.length)]).join(" ");
  const tag = n < alertCount ? ` scaletag${n % WATCHERS}` : "";
  const first = { guid: `${n}-0`, title: `Earlier ${n}`, link: `https://example.org/earlier/${n}`, pubDate: new Date(Date.now() - 7_200_000).toUTCString() };
  const fresh = { guid: `${n}`, title: `Scale ${words}${tag}`, link: `https://example.org/scale/${n}`, pubDate: publishedAt };
  const before = serveFeed({ body: rssFeed(`Feed ${n}`, [first]) });
  const after = serveFeed({ body: rssFeed(`Feed ${n}`, [fresh, first]) });
  feeds.route(`/f${n}.xml`, (req, res) => (secondRound ? after : before)(req, res));
}
const slack = await startFakeSlackApi({ botToken: BOT_TOKEN });

interface RunResult {
  label: string;
  pollAllS: number;
  deliverAllS: number;
  delivered: number;
  perSecond: number;
  p50: number;
  p95: number;
  rssMb: number[];
}

const results: RunResult[] = [];
for (const kind of values.stores.split(",")) {
  const counts = kind === "sqlite" ? [1] : values.workers.split(",").map(Number);
  for (const workers of counts) {
    if (kind === "postgres" && !serverUrl) {
      console.error("skipping PostgreSQL: set DATABASE_URL to a server where a scratch database can be created");
      continue;
    }
    results.push(await runOnce(kind as StorageChoice["kind"], workers));
  }
}
await slack.close();
await feeds.close();

console.log(`\n${feedCount} feeds, ${alertCount} alerts to ${WATCHERS} Slack DMs (paced at 1 message/s each); every feed polled each minute, alerts from the second poll on\n`);
console.log("| store | workers | all feeds polled (s) | alerts accepted | last alert accepted (s) | alerts/s | latency p50 (s) | latency p95 (s) | peak RSS per worker (MB) |");
console.log("|---|---|---|---|---|---|---|---|---|");
for (const r of results) {
  console.log(`| ${r.label} | ${r.rssMb.length} | ${r.pollAllS.toFixed(1)} | ${r.delivered} | ${r.deliverAllS.toFixed(1)} | ${r.perSecond.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.rssMb.map((mb) => mb.toFixed(0)).join(", ")} |`);
}

async function runOnce(kind: StorageChoice["kind"], workers: number): Promise<RunResult> {
  const folder = mkdtempSync(path.join(tmpdir(), "briefing-bench-scale-"));
  const database = `briefing_scale_${process.pid}_${workers}`;
  const admin = serverUrl ? createPgPoolClient(serverUrl, { max: 1 }) : null;
  let storage: StorageChoice = { kind: "sqlite", path: path.join(folder, "briefing.db") };
  if (kind === "postgres" && admin && serverUrl) {
    await admin.exec(`DROP DATABASE IF EXISTS ${database}`);
    await admin.exec(`CREATE DATABASE ${database}`);
    const url = new URL(serverUrl);
    url.pathname = `/${database}`;
    storage = { kind: "postgres", url: url.toString() };
  }
  const config = path.join(folder, "briefing.yaml");
  const sources = Array.from({ length: feedCount }, (_, n) => `  - { id: f${n}, url: ${JSON.stringify(feeds.url(`/f${n}.xml`))} }`);
  writeFileSync(
    config,
    `beat: bench\nstorage: { path: ${JSON.stringify(path.join(folder, "briefing.db"))} }\npoll: { every: 1m, min_interval: 1m, max_interval: 1m, allow_private_networks: true, concurrency: 64, per_host: 32 }\nsources:\n${sources.join("\n")}\ntopics:\n  - { id: scale, name: Scale, query: 'scale' }\n`,
  );
  const opened = await createStore(storage);
  for (let w = 0; w < WATCHERS; w++) {
    const user = `U${String(w).padStart(8, "0")}`;
    await opened.store.addWatch({ owner: { platform: "slack", workspaceId: "T0BENCH", userId: user }, query: `scaletag${w}`, target: `slack:@${user}`, createdAt: new Date().toISOString() });
  }
  secondRound = false;
  const before = slack.messages.length;
  const requestsBefore = feeds.requests.length;
  const env = { ...slackHttpEnv(slack.apiUrl), LOG_LEVEL: "warn", ...(storage.kind === "postgres" ? { DATABASE_URL: storage.url } : {}) };
  const started = performance.now();
  const procs: BriefingProcess[] = Array.from({ length: workers }, () => spawnBriefing(["run", "--config", config], env));
  const accepted: number[] = [];
  let pollAllS = Number.NaN;
  let [lastCount, lastGrowth] = [0, performance.now()];
  const peak = new Map<number, number>();
  for (;;) {
    const now = performance.now();
    while (accepted.length < slack.messages.length - before) accepted.push(Date.now());
    for (const proc of procs) {
      if (proc.child.exitCode !== null) throw new Error(`a worker exited early:\n${proc.stderr().slice(-3000)}`);
      for (const pid of processTree(proc.child.pid!)) peak.set(pid, Math.max(peak.get(pid) ?? 0, peakRssMb(pid)));
    }
    const polledFeeds = new Set(feeds.requests.slice(requestsBefore).map((request) => request.path)).size;
    if (Number.isNaN(pollAllS) && polledFeeds >= feedCount) {
      pollAllS = (now - started) / 1000;
      secondRound = true;
    }
    if (accepted.length > lastCount) [lastCount, lastGrowth] = [accepted.length, now];
    if (accepted.length >= alertCount) break;
    // A few items may join one story (they share their watcher's word and, by chance, others): one alert
    // for them all. Done once nothing new has come for a while and nothing waits in the outbox.
    if (accepted.length >= 0.98 * alertCount && now - lastGrowth > 15_000 && (await opened.store.listOutbox(["pending"])).length === 0) break;
    if (Math.floor(now / 10_000) !== Math.floor((now - 50) / 10_000)) process.stderr.write(`  ${kind}×${workers}: ${polledFeeds}/${feedCount} feeds polled, ${accepted.length}/${alertCount} alerts accepted\n`);
    if (now - started > timeoutMs) throw new Error(`timed out: ${accepted.length}/${alertCount} alerts, ${polledFeeds}/${feedCount} feeds`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const deliverAllS = (lastGrowth - started) / 1000;
  const rssMb = procs.map((proc) => Math.max(0, ...processTree(proc.child.pid!).map((pid) => peak.get(pid) ?? 0)));
  for (const proc of procs) proc.child.kill("SIGTERM");
  await Promise.all(procs.map((proc) => proc.exited));
  const latencies = await alertLatencies(opened.store, slack.messages.slice(before), accepted);
  await opened.close();
  if (admin) {
    if (kind === "postgres") await admin.exec(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.close();
  }
  rmSync(folder, { recursive: true, force: true });
  const firstStored = Math.min(...latencies.stored);
  return {
    label: kind === "sqlite" ? "SQLite" : "PostgreSQL",
    pollAllS,
    deliverAllS,
    delivered: accepted.length,
    perSecond: accepted.length / ((Math.max(...accepted) - firstStored) / 1000),
    p50: quantile(latencies.values, 0.5),
    p95: quantile(latencies.values, 0.95),
    rssMb,
  };
}

/** Item first stored → accepted by the fake Slack, per alert, found by the item's link in the message. */
async function alertLatencies(store: Awaited<ReturnType<typeof createStore>>["store"], messages: Array<{ text: string; blocks: unknown[] | null }>, accepted: number[]) {
  const items = await store.itemsForDigest({ since: null, until: new Date(Date.now() + 60_000).toISOString(), topicIds: ["scale"], perTopic: feedCount + 1 });
  const storedAt = new Map(items.map((item) => [item.link ?? "", Date.parse(item.firstSeenAt)]));
  const values: number[] = [];
  const stored: number[] = [];
  messages.forEach((message, n) => {
    const link = /https:\/\/example\.org\/scale\/\d+/.exec(`${message.text} ${JSON.stringify(message.blocks)}`)?.[0];
    const at = link ? storedAt.get(link) : undefined;
    if (at === undefined) return;
    stored.push(at);
    values.push((accepted[n]! - at) / 1000);
  });
  return { values, stored };
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}
