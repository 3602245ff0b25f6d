/**
 * Polls N local feeds (default 10,000, ~30 KB each, with ETags) twice through the real ingester:
 * cold (200s, parsed) and warm (304s). Prints wall time, feeds/s, bytes read and peak RSS, beside
 * this run's own floor: raw undici fetching plus bare rss-parser parsing of the same feeds.
 * Metrics are recorded as `briefing run` records them (Prometheus); `--no-metrics` measures without.
 * Usage: npm run bench:poll -- [feeds] [--hosts N] [--concurrency N] [--per-host N] [--workers N] [--heap-mb N] [--no-metrics]
 */
import { execFileSync, fork, spawnSync } from "node:child_process";
import { availableParallelism } from "node:os";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { systemClock } from "../src/domain/clock.js";
import type { SourceState } from "../src/domain/source-state.js";
import * as ingest from "../src/ingest/index.js";
import type { Fetcher } from "../src/ingest/fetcher.js";
import { feedTemplate, serveFeeds } from "./poll-feeds.js";
import { rawFetch, rawParse } from "./poll-floor.js";
import { createPrometheusMetrics } from "../src/runtime/operations/prometheus-metrics.js";

const fromSources = import.meta.url.endsWith(".ts");

if (process.argv.includes("--serve")) {
  const port = await serveFeeds();
  process.send?.({ port });
} else if (fromSources) {
  runCompiled();
} else {
  await main();
}

/**
 * Measures the bot as production runs it: compiled with tsc, on plain node. Under tsx the main
 * process and every parser thread would also carry tsx's loader, memory that is not the bot's.
 */
function runCompiled(): void {
  const out = "node_modules/.cache/bench-poll";
  const tsc = ["tsc", "--outDir", out, "--rootDir", ".", "--module", "NodeNext", "--moduleResolution", "NodeNext", "--target", "ES2022", "--strict", "--skipLibCheck", "--esModuleInterop", "--types", "node"];
  try {
    execFileSync("npx", [...tsc, fileURLToPath(import.meta.url), "src/ingest/parse-worker.ts"], { stdio: "ignore" });
  } catch {
    console.error("bench:poll: tsc could not compile the bench; measuring from TypeScript sources instead");
    return void main();
  }
  const run = spawnSync(process.execPath, [`${out}/bench/poll.js`, ...process.argv.slice(2)], { stdio: "inherit" });
  process.exitCode = run.status ?? 1;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const count = Number(args.find((arg, index) => /^\d+$/.test(arg) && !args[index - 1]?.startsWith("--")) ?? 10_000);
  const option = (name: string, fallback: number) => {
    const index = process.argv.indexOf(`--${name}`);
    return index === -1 ? fallback : Number(process.argv[index + 1]);
  };
  const hosts = option("hosts", 100);
  const settings = { concurrency: option("concurrency", 16), perHost: option("per-host", 2), workers: option("workers", Math.min(4, availableParallelism())), heapMb: option("heap-mb", 96) };

  const server = fork(process.argv[1]!, ["--serve"], { execArgv: process.execArgv, stdio: "inherit" });
  const port = await new Promise<number>((resolve) => server.once("message", (message: { port: number }) => resolve(message.port)));
  const urlOf = (id: number) => `http://h${id % hosts}.bench.test:${port}/feed/${id}.xml`;
  const sources: ingest.SourceSpec[] = Array.from({ length: count }, (_, id) => ({ id: `feed-${id}`, url: urlOf(id), weight: 1 }));

  let bytes = 0;
  const http = ingest.createHttpFetcher({ allowPrivateNetworks: true, resolve: async () => [{ address: "127.0.0.1", family: 4 }] });
  const counting: Fetcher = {
    async fetch(location, validators) {
      const outcome = await http.fetch(location, validators);
      if (outcome.status === "fetched") bytes += outcome.body.length;
      return outcome;
    },
    close: () => http.close(),
  };
  const prometheus = process.argv.includes("--no-metrics") ? null : createPrometheusMetrics();
  const ingester = ingest.createIngester({
    clock: systemClock, defaultIntervalMs: 600_000, httpFetcher: counting, metrics: prometheus?.metrics,
    concurrency: settings.concurrency, perHostConcurrency: settings.perHost, parseWorkers: settings.workers, parseMaxHeapMb: settings.heapMb,
  });

  let peakRss = 0;
  let peakMainHeap = 0;
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakMainHeap = Math.max(peakMainHeap, usage.heapTotal);
  }, 100);
  // A running bot has its parser threads started: warm them on feeds outside the measured set.
  await Promise.all([count, count + 1].map((id) => ingester.poll({ id: "warm-up", url: urlOf(id), weight: 1 }, null)));
  bytes = 0;

  const states: Array<SourceState | null> = new Array(count).fill(null);
  const pass = async () => {
    const tally = { fetched: 0, "not-modified": 0, failed: 0, items: 0 };
    bytes = 0;
    const cpu = process.cpuUsage();
    const elu = performance.eventLoopUtilization();
    const start = performance.now();
    // As the poll cycle does: a bounded number of polls under way, hosts taking turns.
    await ingester.pollAll(
      sources.map((source, index) => ({ source, state: states[index]!, index })),
      (result, job) => {
        states[job.index] = result.state;
        prometheus?.metrics.pollDone(result.status);
        tally[result.status]++;
        tally.items += result.items.length;
      },
    );
    const used = process.cpuUsage(cpu);
    const mainBusy = performance.eventLoopUtilization(elu).utilization;
    return { seconds: (performance.now() - start) / 1000, cpu: (used.user + used.system) / 1e6, mainBusy, bytes, ...tally };
  };
  const cold = await pass();
  const mainHeap = process.memoryUsage();
  const warm = await pass();
  clearInterval(sampler);
  await ingester.close();

  const urls = sources.map((source) => source.url!.replace(/h\d+\.bench\.test/, "127.0.0.1"));
  const fetchCold = await rawFetch(urls, false);
  const fetchWarm = await rawFetch(urls, true);
  const parse = await rawParse(feedTemplate(), count, Math.min(2, availableParallelism()));
  server.kill();

  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  const row = (seconds: number) => ({ "wall s": seconds.toFixed(2), "feeds/s": Math.round(count / seconds) });
  console.log(`\nbench:poll — ${count} feeds on ${hosts} host names (loopback), ${availableParallelism()} cores;`);
  console.log(fromSources ? "run from TypeScript sources (tsc failed): RSS includes tsx" : "compiled with tsc and run on plain node, as in production");
  console.log(`ingester: concurrency ${settings.concurrency}, per host ${settings.perHost}, ${settings.workers} parser threads of ${settings.heapMb} MB heap; metrics ${prometheus ? "on" : "off"}\n`);
  console.table({
    "bot cold (200 + parse)": { ...row(cold.seconds), "CPU s": cold.cpu.toFixed(1), "main busy": `${Math.round(cold.mainBusy * 100)}%`, "bytes read": mb(cold.bytes), fetched: cold.fetched, "304": cold["not-modified"], failed: cold.failed },
    "bot warm (304)": { ...row(warm.seconds), "CPU s": warm.cpu.toFixed(1), "main busy": `${Math.round(warm.mainBusy * 100)}%`, "bytes read": mb(warm.bytes), fetched: warm.fetched, "304": warm["not-modified"], failed: warm.failed },
    "floor: raw undici fetch, cold": { ...row(fetchCold.seconds), "bytes read": mb(fetchCold.bytes) },
    "floor: raw undici fetch, warm": { ...row(fetchWarm.seconds), "bytes read": mb(fetchWarm.bytes) },
    "floor: bare rss-parser, 2 threads": { ...row(parse) },
    "floor: cold = fetch + parse": { ...row(fetchCold.seconds + parse) },
  });
  console.log(`items normalised (cold): ${cold.items}; peak RSS of this process (workers included): ${mb(peakRss)}, of which main thread heap ${mb(peakMainHeap)}`);
  console.log(`after the cold pass: RSS ${mb(mainHeap.rss)}, main heap ${mb(mainHeap.heapUsed)} of ${mb(mainHeap.heapTotal)}, buffers ${mb(mainHeap.arrayBuffers)}`);
  const verdict = (ok: boolean) => (ok ? "met" : "MISSED");
  console.log(`aims: cold < 25 s ${verdict(cold.seconds < 25)}; warm < 3 s ${verdict(warm.seconds < 3)}; peak RSS < 300 MB ${verdict(peakRss < 300 * 1024 * 1024)}`);
}
