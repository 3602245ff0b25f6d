/**
 * npm run bench:commands [-- --items 100000 --requests 200]
 * Starts the real bot (`briefing run`, Slack in HTTP mode against a fake Slack API) on an archive of
 * synthetic items, then fires N concurrent signed `/brief search` requests at its HTTP receiver and
 * the same N at an unknown path, in one run. Prints ack and answer (response_url) latencies.
 */
import { spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { Agent, createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createSqliteStore, openDatabase, type ItemToStore } from "../src/store/index.js";
import { startFakeSlackApi } from "../tests/fakes/fake-slack-api.js";
import { seededRandom } from "./seeded-random.js";

const { values } = parseArgs({ options: { items: { type: "string", default: "100000" }, requests: { type: "string", default: "200" } } });
const ITEMS = Number(values.items);
const REQUESTS = Number(values.requests);
const repo = path.join(import.meta.dirname, "..");
const SIGNING_SECRET = "bench-signing-secret-0123456789";
const BOT_TOKEN = "xoxb-bench-0000-secret";
const QUERIES = ["H200", '"export controls"', "CAC since:30d", "Nvidia chips", "出口管制", "generative AI rules", "Huawei OR Nvidia", "data security -EU"];

const folder = mkdtempSync(path.join(tmpdir(), "bench-commands-"));
const dbFile = path.join(folder, "briefing.db");

/** Headlines built from one beat's vocabulary, English and Chinese, one every five minutes. */
async function fillArchive(): Promise<void> {
  const random = seededRandom(7);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  const subjects = ["US", "China", "Nvidia", "The CAC", "Beijing", "Washington", "Huawei", "The EU", "商务部", "网信办"];
  const verbs = ["tightens", "reviews", "eases", "drafts", "defends", "questions", "approves", "delays"];
  const objects = ["export controls on AI chips", "H200 shipments", "generative AI rules", "data security reviews", "chip licences", "training data", "出口管制", "人工智能监管"];
  const db = openDatabase(dbFile);
  const store = createSqliteStore(db);
  const now = Date.now();
  for (let start = 0; start < ITEMS; start += 5_000) {
    const batch: ItemToStore[] = [];
    for (let n = start; n < Math.min(ITEMS, start + 5_000); n++) {
      const title = `${pick(subjects)} ${pick(verbs)} ${pick(objects)}`;
      batch.push({
        id: `b${n}`, sourceId: "wire", guid: `b${n}`, link: `https://example.org/b/${n}`, url: `https://example.org/b/${n}`,
        title, summary: `${title}, with ${pick(objects)} in focus.`, content: "", author: null, language: null,
        publishedAt: new Date(now - (ITEMS - n) * 300_000).toISOString(), dateMissing: false, matches: [], passedTopicIds: [], clusterId: `k${n}`,
      });
    }
    await store.saveItems(batch, new Date(now).toISOString());
  }
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
}

/** Records when each response_url answer arrives. */
async function startAnswerServer() {
  const answered = new Map<string, number>();
  const server = createServer((req, res) => {
    answered.set(req.url?.split("/").pop() ?? "", performance.now());
    req.resume();
    req.on("end", () => res.writeHead(200).end("ok"));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { answered, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/respond`, close: () => new Promise((r) => server.close(r)) };
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

function signedCommand(text: string, responseUrl: string, n: number) {
  const body = new URLSearchParams({
    token: "x", team_id: "T0BENCH", team_domain: "bench", channel_id: "C0BENCH", channel_name: "bench", user_id: `U0USER${n % 20}`,
    user_name: "bench", command: "/brief", text, api_app_id: "A0BENCH", trigger_id: `t${n}-${Math.random()}`, response_url: responseUrl,
  }).toString();
  const ts = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac("sha256", SIGNING_SECRET).update(`v0:${ts}:${body}`).digest("hex")}`;
  return { body, headers: { "content-type": "application/x-www-form-urlencoded", "x-slack-signature": signature, "x-slack-request-timestamp": String(ts) } };
}

// Kept-alive connections, so the figures measure the bot rather than connection setup.
const agent = new Agent({ keepAlive: true, maxSockets: Infinity });

function post(url: string, headers: Record<string, string>, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "POST", headers: { ...headers, "content-length": String(Buffer.byteLength(body)) }, agent }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

async function burst(base: string, pathName: string, answers: Awaited<ReturnType<typeof startAnswerServer>>, tag: string) {
  const started = new Map<string, number>();
  const acks: number[] = [];
  let failures = 0;
  await Promise.all(
    Array.from({ length: REQUESTS }, async (_, n) => {
      const id = `${tag}-${n}`;
      const { body, headers } = signedCommand(`search ${QUERIES[n % QUERIES.length]}`, `${answers.url}/${id}`, n);
      const t0 = performance.now();
      started.set(id, t0);
      const status = await post(`${base}${pathName}`, headers, body);
      acks.push(performance.now() - t0);
      if (status !== (pathName === "/slack/events" ? 200 : 404)) failures += 1;
    }),
  );
  const answerTimes: number[] = [];
  if (pathName === "/slack/events") {
    const deadline = Date.now() + 120_000;
    while ([...started.keys()].some((id) => !answers.answered.has(id)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    for (const [id, t0] of started) if (answers.answered.has(id)) answerTimes.push(answers.answered.get(id)! - t0);
  }
  return { acks, answerTimes, failures };
}

const ms = (value: number) => (Number.isNaN(value) ? "–" : `${value.toFixed(0)} ms`);

console.error(`filling an archive of ${ITEMS.toLocaleString("en")} items…`);
await fillArchive();
const slack = await startFakeSlackApi({ botToken: BOT_TOKEN, users: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`U0USER${i}`, {}])) });
const answers = await startAnswerServer();
const port = await freePort();
const configFile = path.join(folder, "briefing.yaml");
writeFileSync(
  configFile,
  `storage: { path: ${JSON.stringify(dbFile)} }\npoll: { every: 1h }\nsources:\n  - { id: wire, path: ${JSON.stringify(path.join(repo, "config/samples/policy-wire.xml"))} }\n` +
    `topics:\n  - { id: chips, name: AI chips, query: 'H200 OR "AI chips"' }\n`,
);
const bot = spawn(process.execPath, [path.join(repo, "node_modules/tsx/dist/cli.mjs"), path.join(repo, "src/runtime/cli/bin.ts"), "run", "--config", configFile], {
  env: { PATH: process.env.PATH, SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, PORT: String(port), LOG_LEVEL: "warn" },
  stdio: ["ignore", "ignore", "pipe"],
});
let log = "";
bot.stderr.on("data", (chunk: Buffer) => (log += chunk.toString()));
const base = `http://127.0.0.1:${port}`;
for (let tries = 0; ; tries++) {
  const up = await fetch(`${base}/healthz-probe`).then(() => true, () => false);
  if (up) break;
  if (tries > 600 || bot.exitCode !== null) throw new Error(`the bot did not start:\n${log}`);
  await new Promise((r) => setTimeout(r, 100));
}
await burst(base, "/slack/events", answers, "warm");
const search = await burst(base, "/slack/events", answers, "search");
const unknown = await burst(base, "/no-such-path", answers, "404");
agent.destroy();
bot.kill("SIGTERM");
await new Promise((resolve) => bot.once("exit", resolve));
await slack.close();
await answers.close();
rmSync(folder, { recursive: true, force: true });

console.log(`\n${REQUESTS} concurrent signed requests, ${ITEMS.toLocaleString("en")}-item archive (machine shared; figures are noisy)\n`);
console.log("| requests | ack p50 | ack p99 | answer p50 | answer p99 | errors |");
console.log("|---|---:|---:|---:|---:|---:|");
console.log(`| /brief search on /slack/events | ${ms(percentile(search.acks, 50))} | ${ms(percentile(search.acks, 99))} | ${ms(percentile(search.answerTimes, 50))} | ${ms(percentile(search.answerTimes, 99))} | ${search.failures + REQUESTS - search.answerTimes.length} |`);
console.log(`| same requests on an unknown path (404) | ${ms(percentile(unknown.acks, 50))} | ${ms(percentile(unknown.acks, 99))} | – | – | ${unknown.failures} |`);
