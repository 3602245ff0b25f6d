import { createManualClock } from "../../src/domain/clock.js";
import { parseConfigText } from "../../src/config/load-config.js";
import { createApp, type BriefingApp } from "../../src/runtime/app.js";
import { createLogger } from "../../src/runtime/logger.js";
import { listenForOperations } from "../../src/runtime/operations/operations-server.js";
import { outboxGauges } from "../../src/runtime/operations/outbox-gauges.js";
import { createPrometheusMetrics, type PrometheusMetrics } from "../../src/runtime/operations/prometheus-metrics.js";
import { operationsRoutesFor } from "../../src/runtime/operations/serve-operations.js";
import { createWorker, type Worker } from "../../src/runtime/worker.js";
import { platformOf, type Sender } from "../../src/outbox/index.js";
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
  /** What the chat platforms report about their connections (none configured by default). */
  setConnections(connections: Array<{ platform: string; problem: string | null }>): void;
  close(): Promise<void>;
}

/**
 * The bundled sample config (local feed files) as `briefing run` wires it: app, worker, Prometheus
 * metrics and the operations routes on a loopback port. Nothing is started until the test says so.
 */
export async function startOperationsRig(
  options: { statusToken?: string; editYaml?: (text: string) => string; senders?: Record<string, Sender> } = {},
): Promise<OperationsRig> {
  const file = await sampleConfig();
  const text = (options.editYaml ?? ((same: string) => same))(await readFile(file, "utf8"));
  const loaded = parseConfigText(text, file);
  const clock = createManualClock("2026-01-15T02:00:00.000Z");
  const log = createLogger({ level: "silent", secrets: [], pretty: false });
  const printed: string[] = [];
  const consoleSender = createConsoleSender({ write: (chunk: string) => printed.push(chunk) });
  const prometheus = createPrometheusMetrics();
  const app = createApp({ loaded, clock, log, senderFor: (target) => (target === "console" ? consoleSender : (options.senders?.[platformOf(target)] ?? null)), metrics: prometheus.metrics });
  prometheus.watchOutbox(outboxGauges(app.store));
  const worker = createWorker({ app, config: loaded.config, log, now: () => clock.now(), tickMs: 60_000 });
  let connections: Array<{ platform: string; problem: string | null }> = [];
  const routes = operationsRoutesFor({ app, worker, prometheus, statusToken: options.statusToken, clock, log, connections: () => connections });
  const server = await listenForOperations(routes, 0, "127.0.0.1");
  return {
    app,
    worker,
    prometheus,
    clock,
    baseUrl: `http://127.0.0.1:${server.port}`,
    printed,
    setConnections: (value) => void (connections = value),
    async close() {
      await worker.stop();
      await server.close();
      await app.close();
    },
  };
}

