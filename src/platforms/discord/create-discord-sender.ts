import { createHash } from "node:crypto";
import { DiscordAPIError, makeURLSearchParams, REST, Routes, type RESTPostAPIChannelMessageResult } from "discord.js";
import type { OutboxMessage } from "../../domain/outbound.js";
import { DeliveryError } from "../../outbox/delivery-error.js";
import type { Sender } from "../../outbox/sender.js";
import { classifyDiscordError } from "./classify-discord-error.js";
import { discordMessageBody } from "./discord-message-body.js";
import { createDiscordRest, type DiscordRestSettings } from "./discord-rest.js";
import type { DiscordLog } from "./discord-log.js";
import { parseDiscordTarget } from "./discord-target.js";
import { parseWebhookUrl } from "./webhook-url.js";

export interface DiscordSenderOptions {
  /** REST client with the bot token; a token-less one is enough when only webhooks are used. */
  rest: REST;
  /** Whether `rest` has a bot token; without one, channel and DM targets fail at once. */
  hasToken: boolean;
  /** Env name → webhook URL, for `discord-webhook:<ENV_NAME>` targets. The URLs are secrets. */
  webhooks: Record<string, string>;
  log: DiscordLog;
  /** Settings for the token-less REST clients that post to webhook URLs (rate-limit wait cap). */
  restSettings?: Omit<DiscordRestSettings, "apiUrl">;
}

/**
 * Nonces live for a few minutes on Discord's side; within that window a resend with the same nonce and
 * `enforce_nonce` returns the message already made instead of a second one. 25 characters is the limit.
 */
export function nonceFor(outboxKey: string): string {
  return createHash("sha256").update(outboxKey).digest("hex").slice(0, 25);
}

/**
 * The Discord side of the outbox: channel messages and DMs through the bot's REST client (nonce with
 * `enforce_nonce`), channel webhooks by their URL with `?wait=true` so the message id comes back.
 * Every failure leaves as a classified `DeliveryError`; nothing here retries on its own.
 */
export function createDiscordSender(options: DiscordSenderOptions): Sender {
  const { rest, webhooks, log } = options;
  const dmChannels = new Map<string, string>();
  const webhookRests = new Map<string, REST>();
  let tokenRejected = !options.hasToken;

  async function postToChannel(channelId: string, message: OutboxMessage, destination: string) {
    if (tokenRejected) throw new DeliveryError("permanent", `no valid Discord bot token to post to ${destination}`, { scope: "platform" });
    const body = { ...discordMessageBody(message.payload), nonce: nonceFor(message.key), enforce_nonce: true };
    const created = (await rest.post(Routes.channelMessages(channelId), { body })) as RESTPostAPIChannelMessageResult;
    return created.id;
  }

  async function dmChannelOf(userId: string): Promise<string> {
    const known = dmChannels.get(userId);
    if (known) return known;
    if (tokenRejected) throw new DeliveryError("permanent", `no valid Discord bot token to message user ${userId}`, { scope: "platform" });
    const channel = (await rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as { id: string };
    dmChannels.set(userId, channel.id);
    return channel.id;
  }

  function webhookRest(apiBase: string): REST {
    let client = webhookRests.get(apiBase);
    if (!client) {
      client = createDiscordRest({ ...options.restSettings, apiUrl: apiBase, log });
      webhookRests.set(apiBase, client);
    }
    return client;
  }

  async function postToWebhook(envName: string, message: OutboxMessage): Promise<string> {
    const url = webhooks[envName];
    if (url === undefined) throw new DeliveryError("permanent", `no webhook URL is configured in ${envName}`);
    const address = parseWebhookUrl(url);
    if (!address) throw new DeliveryError("permanent", `${envName} does not hold a Discord webhook URL`);
    const query = makeURLSearchParams({ ...Object.fromEntries(address.query), wait: true });
    const body = discordMessageBody(message.payload);
    const created = (await webhookRest(address.apiBase).post(Routes.webhook(address.id, address.token), { body, query, auth: false })) as { id: string };
    return created.id;
  }

  return {
    async send(message) {
      const target = parseDiscordTarget(message.target);
      if (!target) throw new DeliveryError("permanent", `not a Discord target: ${message.target}`);
      const destination = message.target;
      const secretUrl = target.kind === "webhook";
      try {
        switch (target.kind) {
          case "channel":
            return { platformMessageId: await postToChannel(target.channelId, message, destination) };
          case "user":
            return { platformMessageId: await postToChannel(await dmChannelOf(target.userId), message, destination) };
          case "webhook":
            return { platformMessageId: await postToWebhook(target.envName, message) };
        }
      } catch (error) {
        const failure = classifyDiscordError(error, { destination, secretUrl });
        if (!secretUrl && error instanceof DiscordAPIError && error.status === 401) {
          tokenRejected = true;
          log.error({ target: destination }, "Discord rejected the bot token; channel and DM sends stop until it is replaced");
        }
        throw failure;
      }
    },
  };
}
