import type { RequestListener } from "node:http";
import type { Clock } from "../../domain/clock.js";
import type { BriefingApp } from "../app.js";
import type { Logger } from "../logger.js";
import type { Worker } from "../worker.js";
import { createOperationsRoutes } from "./operations-routes.js";
import type { PrometheusMetrics } from "./prometheus-metrics.js";
import { checkReadiness } from "./readiness.js";
import { buildStatusModel } from "./status-model.js";
import { renderStatusPage } from "./status-page.js";

export interface OperationsDeps {
  app: BriefingApp;
  worker: Worker;
  prometheus: PrometheusMetrics;
  statusToken: string | undefined;
  clock: Clock;
  log: Logger;
  /** Each chat platform with credentials, and why commands cannot reach it now (null when they can). */
  connections(): Array<{ platform: string; problem: string | null }>;
}

/** The health, readiness, metrics and status routes of a running bot. */
export function operationsRoutesFor(deps: OperationsDeps): RequestListener {
  const { app, worker } = deps;
  const readiness = () =>
    checkReadiness({
      pingStore: () => app.storage.ping(),
      platforms: () => {
        const paused = app.pausedPlatforms();
        return deps.connections().map(({ platform, problem }) => ({ platform, problem: problem ?? paused.get(platform) ?? null }));
      },
      lastPollCycleAt: () => worker.pollHealth().lastCycleAt,
      maxPollAgeMs: () => 3 * Math.max(app.config.poll.every, worker.pollHealth().tickMs),
      now: () => deps.clock.now(),
    });
  return createOperationsRoutes({
    readiness,
    metrics: () => deps.prometheus.render(),
    statusToken: deps.statusToken,
    async statusPage(ready) {
      const model = await buildStatusModel({ store: app.store, config: app.config, pausedPlatforms: app.pausedPlatforms(), readiness: ready, now: deps.clock.now() });
      return renderStatusPage(model, app.config.beat);
    },
    onError: (path, error) => deps.log.error({ job: "http", path, err: error }, "operations request failed"),
  });
}
