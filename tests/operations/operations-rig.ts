import { createManualClock } from "../../src/domain/clock.js";
import { parseConfigText } from "../../src/config/load-config.js";
import type { Env } from "../../src/config/env.js";
import { createApp, type BriefingApp } from "../../src/runtime/app.js";
import { createLogger } from "../../src/runtime/logger.js";
import { listenForOperations } from "../../src/runtime/operations/operations-server.js";
import { outboxGauges } from "../../src/runtime/operations/outbox-gauges.js";
import { createPrometheusMetrics, type PrometheusMetrics } from "../../src/runtime/operations/prometheus-metrics.js";
import { operationsRoutesFor } from "../../src/runtime/operations/serve-operations.js";
import type { StartedPlatforms } from "../../src/runtime/platforms.js";
import { createWorker, type Worker } from "../../src/runtime/worker.js";
import { createConsoleSender } from "../../src/platforms/console/console-sender.js";
import { readFile } from "node:fs/promises";
import { sampleConfig } from "../fakes/sample-config.js";

export interface OperationsRig {
  app: BriefingApp;
  worker: Worker;
  prometheus: PrometheusMetrics;
  clock: ReturnType<typeof createManualClock>;
  baseUrl: string;
  /** What the console printed (digests). */
  printed: string[];
  setStarted(started: StartedPlatforms | null): void;
  close(): Promise<void>;
}

/**
 * The bundled sample config (local feed files) as `briefing run` wires it: app, worker, Prometheus
 * metrics and the operations routes on a loopback port. Nothing is started until the test says so.
 */
export async function startOperationsRig(options: { env?: Partial<Env>; editYaml?: (text: string) => string } = {}): Promise<OperationsRig> {
  const file = await sampleConfig();
  const text = (options.editYaml ?? ((same: string) => same))(await readFile(file, "utf8"));
  const loaded = parseConfigText(text, file);
  const clock = createManualClock("2026-01-15T02:00:00.000Z");
  const log = createLogger({ level: "silent", secrets: [], pretty: false });
  const printed: string[] = [];
  const consoleSender = createConsoleSender({ write: (chunk: string) => printed.push(chunk) });
  const prometheus = createPrometheusMetrics();
  const app = createApp({ loaded, clock, log, senderFor: (target) => (target === "console" ? consoleSender : null), metrics: prometheus.metrics });
  prometheus.watchOutbox(outboxGauges(app.store));
  const worker = createWorker({ app, config: loaded.config, log, now: () => clock.now(), tickMs: 60_000 });
  let started: StartedPlatforms | null = null;
  const routes = operationsRoutesFor({ app, worker, prometheus, env: { ...options.env }, clock, log, started: () => started });
  const server = await listenForOperations(routes, 0, "127.0.0.1");
  return {
    app,
    worker,
    prometheus,
    clock,
    baseUrl: `http://127.0.0.1:${server.port}`,
    printed,
    setStarted: (value) => void (started = value),
    async close() {
      await worker.stop();
      await server.close();
      await app.close();
    },
  };
}

