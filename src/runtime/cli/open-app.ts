import type { LoadedConfig } from "../../config/load-config.js";
import { createConsoleSender } from "../../platforms/console/console-sender.js";
import type { SenderForTarget } from "../../outbox/index.js";
import { createApp, type BriefingApp } from "../app.js";
import type { CliContext } from "./cli-context.js";

/** Builds the app for a command: config from the usual places, senders for the platforms that have credentials. */
export async function openApp(ctx: CliContext, configOption: string | undefined): Promise<{ app: BriefingApp; loaded: LoadedConfig }> {
  const loaded = await ctx.loadConfig(configOption);
  const consoleSender = createConsoleSender(ctx.io.stdout);
  const senderFor: SenderForTarget = (target) => (target === "console" ? consoleSender : null);
  const app = createApp({ loaded, clock: ctx.io.clock, log: ctx.logger(), senderFor });
  return { app, loaded };
}
