/**
 * npm run bench:stop [-- --runs 5 --feeds 50 --backlog 2000]
 *
 * How long a real `briefing run` takes to exit after SIGTERM while it is busy: a poll cycle under way
 * with one feed that never answers (among `feeds` quick ones on a loopback server) and a backlog of
 * `backlog` messages draining to the fake Slack over 20 channels. Prints, per run, the time from
 * SIGTERM to exit, the worker's own stop time from its log, and how much of the backlog went out
 * (posted to the fake Slack and marked sent should agree: nothing in doubt).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { readRunFile } from "../src/runtime/operations/run-file.js";
import { createSqliteStore, openDatabase } from "../src/store/index.js";
import { slackHttpEnv } from "../tests/fakes/e2e-context.js";
import { startFakeSlackApi } from "../tests/fakes/fake-slack-api.js";
import { rssFeed } from "../tests/fakes/feed-xml.js";
import { serveFeed, startFeedServer } from "../tests/fakes/feed-server.js";
import { spawnBriefing } from "../tests/fakes/spawn-briefing.js";
import { BOT_TOKEN } from "../tests/platforms/slack/slack-test-kit.js";

const { values } = parseArgs({ options: { runs: { type: "string", default: "5" }, feeds: { type: "string", default: "50" }, backlog: { type: "string", default: "2000" } } });
const runs = Number(values.runs);
const feedCount = Number(values.feeds);
const backlog = Number(values.backlog);
const CHANNELS = 20;

const feeds = await startFeedServer();
for (let n = 0; n < feedCount; n++) {
  feeds.route(`/feed-${n}.xml`, serveFeed({ body: rssFeed(`Feed ${n}`, [{ guid: `${n}`, title: `Item ${n}`, link: `https://example.org/${n}`, pubDate: "Wed, 14 Jan 2026 08:00:00 GMT" }]) }));
}
feeds.route("/hangs.xml", () => undefined);
const channels = Array.from({ length: CHANNELS }, (_, n) => ({ id: `C0BULK${n}`, name: `bulk-${n}` }));
const slack = await startFakeSlackApi({ botToken: BOT_TOKEN, channels });

const rows: string[] = [];
for (let run = 1; run <= runs; run++) {
  const folder = mkdtempSync(path.join(tmpdir(), "briefing-bench-stop-"));
  const db = path.join(folder, "briefing.db");
  const config = path.join(folder, "briefing.yaml");
  const sources = [...Array.from({ length: feedCount }, (_, n) => `  - { id: f${n}, url: ${JSON.stringify(feeds.url(`/feed-${n}.xml`))} }`), `  - { id: stuck, url: ${JSON.stringify(feeds.url("/hangs.xml"))} }`];
  writeFileSync(config, `beat: bench\nstorage: { path: ${JSON.stringify(db)} }\npoll: { every: 1m, allow_private_networks: true }\nsources:\n${sources.join("\n")}\ntopics:\n  - { id: t, name: T, query: 'item' }\n`);
  const store = createSqliteStore(openDatabase(db));
  await store.enqueue(
    Array.from({ length: backlog }, (_, n) => ({ key: `b:${n}`, target: `slack:#bulk-${n % CHANNELS}`, group: `b:${n}`, part: 0, payload: { kind: "text" as const, text: `backlog ${n}` } })),
    new Date().toISOString(),
  );
  const before = slack.messages.length;
  const proc = spawnBriefing(["run", "--config", config], slackHttpEnv(slack.apiUrl));
  while (slack.messages.length - before < CHANNELS || !feeds.requests.some((request) => request.path === "/hangs.xml")) {
    if (proc.child.exitCode !== null) throw new Error(`exited early: ${proc.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  // To the bot's own process, as Docker signals it (tsx in between would SIGKILL a busy child after 30 ms).
  const pid = await readRunFile(db);
  if (pid === null) throw new Error("no run file");
  const signalled = performance.now();
  process.kill(pid, "SIGTERM");
  const code = await proc.exited;
  const exitMs = performance.now() - signalled;
  const workerMs = /"stop_ms":(\d+)/.exec(proc.stderr())?.[1] ?? "?";
  const pending = (await store.listOutbox(["pending"])).length;
  const sent = (await store.listOutbox(["sent"])).length;
  await store.close();
  if (code !== 0) console.error(proc.stderr().slice(-3000));
  rows.push(`| ${run} | ${code} | ${Math.round(exitMs)} | ${workerMs} | ${slack.messages.length - before} | ${sent} | ${pending} |`);
}
await slack.close();
await feeds.close();

console.log(`briefing run stopped by SIGTERM mid-poll (1 of ${feedCount + 1} feeds never answers) and mid-drain (${backlog} messages, ${CHANNELS} Slack channels)\n`);
console.log("| run | exit code | SIGTERM → exit (ms) | worker stop (ms) | posted (fake Slack) | marked sent | still queued |");
console.log("|---|---|---|---|---|---|---|");
for (const row of rows) console.log(row);
