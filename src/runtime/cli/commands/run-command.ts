import type { Command } from "commander";
import type { CliContext } from "../cli-context.js";
import { openApp } from "../open-app.js";
import { createWorker } from "../../worker.js";
import { holdWorkerLease } from "../../hold-worker-lease.js";
import { createConfigReloader } from "../../operations/config-reloader.js";
import { listenForOperations } from "../../operations/operations-server.js";
import { outboxGauges } from "../../operations/outbox-gauges.js";
import { createPrometheusMetrics } from "../../operations/prometheus-metrics.js";
import { operationsRoutesFor } from "../../operations/serve-operations.js";
import { writeRunFile } from "../../operations/run-file.js";
import { jobQueueFor } from "../../jobs/job-queue-for.js";

export function registerRunCommand(program: Command, ctx: CliContext): void {
  program
    .command("run")
    .description("Run the bot: poll sources, post scheduled digests, answer commands, until stopped. SIGHUP reloads the config.")
    .option("-c, --config <file>", "config file")
    .option("--standby", "if another `briefing run` works on this database, wait and take over when it stops")
    .action(async (options: { config?: string; standby?: boolean }) => {
      const prometheus = createPrometheusMetrics();
      const { app, loaded, platforms, rebuildHandler } = await openApp(ctx, options.config, { metrics: prometheus.metrics });
      prometheus.watchOutbox(outboxGauges(app.store));
      const log = ctx.logger().child({ job: "run" });
      const env = ctx.env();
      const queue = await jobQueueFor(app, ctx.logger());
      const worker = createWorker({ app, config: loaded.config, log: ctx.logger(), now: () => ctx.io.clock.now(), queue });
      const routes = operationsRoutesFor({
        app,
        worker,
        prometheus,
        statusToken: env.STATUS_TOKEN,
        clock: ctx.io.clock,
        log: ctx.logger(),
        connections: () => platforms.connectionProblems(),
      });
      const reload = createConfigReloader({
        load: () => ctx.loadConfig(options.config),
        apply: async (config) => {
          await worker.reload(config);
          rebuildHandler(config);
        },
        current: () => app.config,
        log: ctx.logger(),
      });
      let running = false;
      // Listened for from the start: an unhandled SIGHUP would end the process.
      const stopListening = ctx.io.onReload?.(() => (running ? void reload() : log.warn("reload asked while starting; ignored, ask again once running")));
      let runFile: { remove(): Promise<void> } | null = null;
      let operations: Awaited<ReturnType<typeof listenForOperations>> | null = null;
      try {
        const lease = await holdWorkerLease({
          workerLease: (identity) => app.storage.workerLease(identity),
          file: app.storage.location,
          clock: ctx.io.clock,
          log,
          standby: Boolean(options.standby),
          stopSignal: ctx.io.stopSignal,
        });
        if (lease === null) return;
        try {
          log.info({ config: loaded.file, sources: loaded.config.sources.length, digests: loaded.config.digests.length }, "starting");
          const listening = await platforms.start(routes);
          // The Slack receiver serves the operations routes in HTTP mode; otherwise they get PORT alone.
          if (listening.slack?.mode !== "http") operations = await listenForOperations(routes, env.PORT).catch(async (error: unknown) => {
            await platforms.stop();
            throw error;
          });
          // Written once this process owns the port, so a second bot that fails to start leaves it alone.
          runFile = await writeRunFile(app.config.storage.path, process.pid);
          const stopAsked = Promise.race([ctx.io.stopSignal, lease.lost.then(() => "lease lost")]);
          // Not awaited alone: a stop asked during the first poll cycle cuts it short.
          const starting = worker.start();
          starting.catch(() => undefined);
          const started = await Promise.race([starting.then(() => true), stopAsked.then(() => false)]);
          if (started) {
            running = true;
            log.info({ slack: listening.slack, discord: listening.discord, http_port: operations?.port ?? listening.slack?.port }, "running; Ctrl-C stops");
          }
          const signal = await stopAsked;
          log.info({ signal }, "stopping: sends in hand finish, everything else stays queued");
          stopListening?.();
          const stoppedAt = performance.now();
          await Promise.all([platforms.stop(), worker.stop()]);
          log.info({ stop_ms: Math.round(performance.now() - stoppedAt) }, "worker stopped");
        } finally {
          await lease.release();
        }
      } finally {
        stopListening?.();
        await operations?.close();
        await runFile?.remove();
        await app.close();
      }
      log.info("stopped");
    });
}
