import { systemClock } from "../../src/domain/clock.js";
import type { NewOutboxMessage, OutboxMessage } from "../../src/domain/outbound.js";
import { createOutboxRelay, type OutboxRelay, type OutboxRelayOptions, type Sender } from "../../src/outbox/index.js";
import { createSqliteStore, openDatabase, type Store } from "../../src/store/index.js";
import { createCapturedLog, type CapturedLog } from "../fakes/captured-log.js";
import { startFakeDiscord, type FakeDiscord, type FakeDiscordOptions } from "../fakes/fake-discord.js";
import { startFakeSlackApi, type FakeChannel, type FakeSlackApi, type FakeSlackApiOptions } from "../fakes/fake-slack-api.js";
import { deliveryProblems, discordDeliveries, slackDeliveries } from "./delivery-workload.js";
import { createRealSenders } from "./real-senders.js";

export const SLACK_TOKEN = "xoxb-delivery-test-1111-secret";
export const SLACK_CHANNELS: FakeChannel[] = [
  { id: "C0NEWS", name: "news" },
  { id: "C0DESK", name: "desk" },
];

export interface RigOptions {
  relay?: Pick<OutboxRelayOptions, "maxAttempts" | "parallelTargets">;
  discord?: FakeDiscordOptions;
  /** Waits up to this long are done inside @discordjs/rest; longer 429s come back to the relay. */
  discordMaxRateLimitWaitMs?: number;
  /** Wraps each real sender (e.g. to reclassify its errors). */
  wrapSender?: (sender: Sender) => Sender;
  /** `discord-webhook:<ENV_NAME>` URLs, made once the fake Discord runs. */
  webhooks?: (discord: FakeDiscord) => Record<string, string>;
}

/**
 * The real relay, the real SQLite outbox (in memory) and the real Slack and Discord senders, pointed at
 * the fakes. `beforeSend` runs just before each send, to break something at a chosen moment.
 */
export interface DeliveryRig {
  slack: FakeSlackApi;
  /** The fake's options object: changing `botToken` revokes the token the bot holds. */
  slackOptions: FakeSlackApiOptions;
  discord: FakeDiscord;
  store: Store;
  relay: OutboxRelay;
  log: CapturedLog;
  /** What the relay told the admin: one entry per paused target or platform. */
  notices: string[];
  beforeSend: (message: OutboxMessage) => void;
  enqueue(messages: NewOutboxMessage[]): Promise<void>;
  /** Drains, waiting out retries, until nothing is pending or what is pending is held and nothing moves. */
  settle(): Promise<void>;
  /** A new process: fresh senders (new credentials in force), fresh relay, same outbox. */
  restart(): void;
  /** The keys of every post the fakes recorded. */
  deliveredKeys(): string[];
  /** What the fakes received that should not be so; see deliveryProblems. */
  problems(expected: readonly NewOutboxMessage[]): string[];
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `slack:#news` → C0NEWS; `discord:<id>` → the id; a webhook target → the channel its webhook posts in. */
function channelOfTarget(target: string, webhookChannels: Record<string, string>): string {
  const slack = SLACK_CHANNELS.find((c) => target === `slack:#${c.name}`)?.id;
  const webhook = target.startsWith("discord-webhook:") ? webhookChannels[target.slice("discord-webhook:".length)] : undefined;
  return slack ?? webhook ?? target.replace(/^[a-z]+:/, "");
}

export async function startDeliveryRig(options: RigOptions = {}): Promise<DeliveryRig> {
  const slackOptions: FakeSlackApiOptions = { botToken: SLACK_TOKEN, channels: SLACK_CHANNELS.map((c) => ({ ...c })) };
  const slack = await startFakeSlackApi(slackOptions);
  const discord = await startFakeDiscord(options.discord);
  const db = openDatabase(":memory:");
  const store = createSqliteStore(db);
  const log = createCapturedLog();
  const notices: string[] = [];
  const webhooks = options.webhooks?.(discord) ?? {};
  const webhookChannels = Object.fromEntries(
    Object.entries(webhooks).map(([env, url]) => [env, discord.webhooks.get(url.split("/webhooks/")[1]?.split("/")[0] ?? "")?.channelId ?? "?"]),
  );

  function build(): OutboxRelay {
    const senders = createRealSenders({
      slack: { apiUrl: slack.apiUrl, token: SLACK_TOKEN, intervalMs: 5 },
      discord: { apiUrl: discord.apiUrl, token: discord.token, maxRateLimitWaitMs: options.discordMaxRateLimitWaitMs ?? 1_000, webhooks },
      log,
      clock: systemClock,
    });
    const wrap = options.wrapSender ?? ((sender: Sender) => sender);
    const hooked = (sender: Sender): Sender => ({
      send: async (message) => {
        rig.beforeSend(message);
        return sender.send(message);
      },
    });
    const slackSender = hooked(wrap(senders.slack));
    const discordSender = hooked(wrap(senders.discord));
    return createOutboxRelay({
      store,
      clock: systemClock,
      log,
      senderFor: (target) => (target.startsWith("slack:") ? slackSender : target.startsWith("discord") ? discordSender : null),
      onTargetPaused: async (target, reason) => void notices.push(`${target}: ${reason}`),
      onPlatformPaused: async (platform, reason) => void notices.push(`${platform} (every target): ${reason}`),
      baseBackoffMs: 50,
      ...options.relay,
    });
  }

  const rig: DeliveryRig = {
    slack,
    slackOptions,
    discord,
    store,
    relay: build(),
    log,
    notices,
    beforeSend: () => undefined,
    async enqueue(messages) {
      await store.enqueue(messages, new Date().toISOString());
    },
    async settle() {
      const deadline = Date.now() + 15_000;
      for (;;) {
        const sent = await rig.relay.drain();
        const pending = await store.listOutbox(["pending"]);
        const later = pending.map((m) => Date.parse(m.nextAttemptAt)).filter((at) => at > Date.now());
        if (pending.length === 0 || (later.length === 0 && sent === 0)) return;
        if (Date.now() > deadline) throw new Error(`outbox did not settle: ${pending.length} pending`);
        await sleep(later.length > 0 ? Math.max(5, Math.min(...later) - Date.now() + 5) : 5);
      }
    },
    restart() {
      rig.relay = build();
    },
    deliveredKeys() {
      return [...slackDeliveries(slack), ...discordDeliveries(discord)].map((d) => d.key);
    },
    problems(expected) {
      return deliveryProblems(expected, [...slackDeliveries(slack), ...discordDeliveries(discord)], (target) => channelOfTarget(target, webhookChannels));
    },
    async close() {
      await Promise.all([slack.close(), discord.close(), store.close()]);
    },
  };
  return rig;
}
