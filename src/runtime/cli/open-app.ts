import type { CommandHandler } from "../../commands/index.js";
import type { BriefingConfig } from "../../config/config-schema.js";
import type { LoadedConfig } from "../../config/load-config.js";
import type { Metrics } from "../../domain/metrics.js";
import { parseSecretKey } from "../../store/index.js";
import { createApp, type BriefingApp } from "../app.js";
import { createBriefCommandHandler } from "../command-services.js";
import { createPlatforms, type Platforms } from "../platforms.js";
import { storedSeenRequests } from "../stored-seen-requests.js";
import type { CliContext } from "./cli-context.js";

/** Builds the app for a command: config from the usual places, senders for the platforms that have credentials. */
export async function openApp(
  ctx: CliContext,
  configOption: string | undefined,
  extras: { metrics?: Metrics } = {},
): Promise<{ app: BriefingApp; loaded: LoadedConfig; platforms: Platforms; rebuildHandler(config: BriefingConfig): void }> {
  const loaded = await ctx.loadConfig(configOption);
  // The handler needs the app and the app needs the platforms' senders, so the platforms get the handler late.
  let handler: CommandHandler | null = null;
  const lateHandler: CommandHandler = {
    handle: (command, invoker) => handler!.handle(command, invoker),
    watchesOf: (invoker) => handler!.watchesOf(invoker),
  };
  const platforms = createPlatforms({
    env: ctx.env(),
    rawEnv: ctx.io.env,
    config: loaded.config,
    handler: lateHandler,
    log: ctx.logger(),
    clock: ctx.io.clock,
    stdout: ctx.io.stdout,
    // Platforms are built before the store opens; Slack takes requests only once started.
    seenRequests: storedSeenRequests(() => app.store, {
      onUnanswered: (reason) => ctx.logger().warn({ platform: "slack", err: reason }, "could not check the store for a repeated slack request; judged by this process alone"),
    }),
  });
  const secretKey = parseSecretKey(ctx.env().BRIEFING_SECRET_KEY);
  const app = createApp({ loaded, clock: ctx.io.clock, log: ctx.logger(), senderFor: platforms.senderFor, metrics: extras.metrics, secretKey });
  const handlerFor = (config: BriefingConfig) => createBriefCommandHandler(app, config, platforms.checkChannel);
  handler = handlerFor(loaded.config);
  return { app, loaded, platforms, rebuildHandler: (config) => void (handler = handlerFor(config)) };
}
