import type { RequestListener } from "node:http";
import type { Env } from "../../config/env.js";
import type { Clock } from "../../domain/clock.js";
import type { BriefingApp } from "../app.js";
import type { Logger } from "../logger.js";
import type { StartedPlatforms } from "../platforms.js";
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
  env: Partial<Pick<Env, "STATUS_TOKEN" | "SLACK_BOT_TOKEN" | "DISCORD_TOKEN" | "DISCORD_APPLICATION_ID">>;
  clock: Clock;
  log: Logger;
  /** What the platforms reported when they started; null until then. */
  started(): StartedPlatforms | null;
}

/** The health, readiness, metrics and status routes of a running bot. */
export function operationsRoutesFor(deps: OperationsDeps): RequestListener {
  const { app, worker, env } = deps;
  const readiness = () =>
    checkReadiness({
      pingStore: () => void app.database.prepare("SELECT 1").get(),
      platforms: () => {
        const started = deps.started();
        const paused = app.pausedPlatforms();
        const expected = [
          ...(env.SLACK_BOT_TOKEN ? [{ platform: "slack", up: started?.slack !== null && started !== null }] : []),
          ...(env.DISCORD_TOKEN && env.DISCORD_APPLICATION_ID ? [{ platform: "discord", up: started?.discord === true }] : []),
        ];
        return expected.map(({ platform, up }) => ({
          platform,
          problem: !up ? "still starting" : (paused.get(platform) ?? null),
        }));
      },
      lastPollCycleAt: () => worker.pollHealth().lastCycleAt,
      maxPollAgeMs: () => 3 * Math.max(app.config.poll.every, worker.pollHealth().tickMs),
      now: () => deps.clock.now(),
    });
  return createOperationsRoutes({
    readiness,
    metrics: () => deps.prometheus.render(),
    statusToken: env.STATUS_TOKEN,
    async statusPage(ready) {
      const model = await buildStatusModel({ store: app.store, config: app.config, pausedPlatforms: app.pausedPlatforms(), readiness: ready, now: deps.clock.now() });
      return renderStatusPage(model, app.config.beat);
    },
    onError: (path, error) => deps.log.error({ job: "http", path, err: error }, "operations request failed"),
  });
}
