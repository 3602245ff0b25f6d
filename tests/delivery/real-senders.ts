import type { Clock } from "../../src/domain/clock.js";
import type { Sender, SenderForTarget } from "../../src/outbox/index.js";
import { createDiscordRest, createDiscordSender, type DiscordLog } from "../../src/platforms/discord/index.js";
import { createSlackPlatform, type SlackLog } from "../../src/platforms/slack/index.js";
import { createRecordingCommandHandler } from "../fakes/recording-command-handler.js";

export interface RealSendersOptions {
  slack: { apiUrl: string; token: string; intervalMs: number };
  discord: { apiUrl: string; token: string; maxRateLimitWaitMs?: number; webhooks?: Record<string, string> };
  log: SlackLog & DiscordLog;
  clock: Clock;
}

export interface RealSenders {
  slack: Sender;
  discord: Sender;
  /** Routes targets as src/runtime/platforms.ts does. */
  senderFor: SenderForTarget;
}

/** The production senders (SDK clients configured by the adapters), pointed at fake platforms. */
export function createRealSenders(options: RealSendersOptions): RealSenders {
  const { log, clock } = options;
  const slack = createSlackPlatform({
    botToken: options.slack.token,
    signingSecret: "unused-signing-secret-of-a-sender-only-platform",
    apiUrl: options.slack.apiUrl,
    port: 0,
    handler: createRecordingCommandHandler(),
    admins: [],
    log,
    clock,
    pacing: { intervalMs: options.slack.intervalMs },
  }).sender;
  const { apiUrl, token, maxRateLimitWaitMs } = options.discord;
  const discord = createDiscordSender({
    rest: createDiscordRest({ apiUrl, token, log, maxRateLimitWaitMs }),
    hasToken: true,
    webhooks: options.discord.webhooks ?? {},
    log,
    restSettings: { maxRateLimitWaitMs },
  });
  return {
    slack,
    discord,
    senderFor: (target) => (target.startsWith("slack:") ? slack : target.startsWith("discord") ? discord : null),
  };
}
