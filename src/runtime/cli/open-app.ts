import type { CommandHandler } from "../../commands/index.js";
import type { BriefingConfig } from "../../config/config-schema.js";
import type { LoadedConfig } from "../../config/load-config.js";
import type { Metrics } from "../../domain/metrics.js";
import { createSecretBox, createStore, parseSecretKey } from "../../store/index.js";
import { createApp, type BriefingApp } from "../app.js";
import { createBriefCommandHandler, createCommandSearch } from "../command-services.js";
import { createPlatforms, type Platforms } from "../platforms.js";
import { createSlackHomeSource } from "../slack-home-source.js";
import { storedSeenRequests } from "../stored-seen-requests.js";
import { storageChoiceOf } from "../storage-choice.js";
import type { CliContext } from "./cli-context.js";

/** Builds the app for a command: config from the usual places, senders for the platforms that have credentials. */
export async function openApp(
  ctx: CliContext,
  configOption: string | undefined,
  extras: { metrics?: Metrics } = {},
): Promise<{ app: BriefingApp; loaded: LoadedConfig; platforms: Platforms; handler: CommandHandler; rebuildHandler(config: BriefingConfig): void }> {
  const loaded = await ctx.loadConfig(configOption);
  // The handler needs the app and the app needs the platforms' senders, so the platforms get the handler late.
  let handler: CommandHandler | null = null;
  const lateHandler: CommandHandler = {
    handle: (command, invoker) => handler!.handle(command, invoker),
    watchesOf: (invoker) => handler!.watchesOf(invoker),
  };
  const secretKey = parseSecretKey(ctx.env().BRIEFING_SECRET_KEY);
  const secretBox = secretKey ? createSecretBox(secretKey) : null;
  const storage = await createStore(storageChoiceOf(loaded.config, ctx.env()), { secretBox });
  // The Home tab reads the app, built after the platforms (it needs their senders): reached at call time.
  let app: BriefingApp | null = null;
  const platforms = withStoreClosedOnError(storage, () => createPlatforms({
    env: ctx.env(),
    installations: secretBox ? storage.installations(secretBox) : null,
    gatewayLease: storage.leases,
    slackHome: createSlackHomeSource({
      config: () => app!.config,
      store: { listSourceStates: () => app!.store.listSourceStates(), channelDigests: (tenantId) => app!.store.channelDigests(tenantId) },
      view: () => app!.tenantView(),
      clock: ctx.io.clock,
    }),
    rawEnv: ctx.io.env,
    config: loaded.config,
    handler: lateHandler,
    log: ctx.logger(),
    clock: ctx.io.clock,
    stdout: ctx.io.stdout,
    seenRequests: storedSeenRequests(() => storage.store, {
      onUnanswered: (reason) => ctx.logger().warn({ platform: "slack", err: reason }, "could not check the store for a repeated slack request; judged by this process alone"),
    }),
  }));
  app = createApp({ loaded, storage, clock: ctx.io.clock, log: ctx.logger(), senderFor: platforms.senderFor, metrics: extras.metrics, secretKey });
  const opened = app;
  // One search thread for the app's life: a reload hands it the new config instead of starting another.
  const search = createCommandSearch(opened, loaded.config);
  const closeApp = opened.close.bind(opened);
  opened.close = async () => {
    await search.close();
    await closeApp();
  };
  const handlerFor = (config: BriefingConfig) => createBriefCommandHandler(opened, config, platforms.checkChannel, search);
  handler = handlerFor(loaded.config);
  return { app: opened, loaded, platforms, handler: lateHandler, rebuildHandler: (config) => {
    search.reconfigure(config);
    handler = handlerFor(config);
  } };
}

/** Builds what needs the open store; if that fails, the store is closed (a pool would keep the process alive). */
function withStoreClosedOnError<T>(storage: { close(): Promise<void> }, build: () => T): T {
  try {
    return build();
  } catch (error) {
    void storage.close();
    throw error;
  }
}
