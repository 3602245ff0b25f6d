import type { webApi } from "@slack/bolt";
import type { Clock } from "../../../domain/clock.js";
import type { OutboxMessage } from "../../../domain/outbound.js";
import { DeliveryError } from "../../../outbox/delivery-error.js";
import type { Sender } from "../../../outbox/sender.js";
import type { SlackLog } from "../slack-log.js";
import { toSlackMessage } from "../to-slack-message.js";
import { createChannelPacer, type ChannelPacer } from "./channel-pacer.js";
import { AUTH_SLACK_ERRORS, classifySlackError, slackErrorCode } from "./classify-slack-error.js";
import { DELIVERY_EVENT_TYPE, findDeliveredMessage } from "./find-delivered-message.js";
import { createConversationResolver } from "./resolve-conversation.js";

export interface SlackSenderOptions {
  /** A client with SDK retries off (`retryConfig: { retries: 0 }`, `rejectRateLimitedCalls: true`): the outbox decides. */
  client: Pick<webApi.WebClient, "chat" | "conversations">;
  clock: Clock;
  log: SlackLog;
  pacer?: ChannelPacer;
}

/** A message created this long before its outbox row cannot exist; covers clock skew with Slack. */
const HISTORY_SLACK_SEC = 300;

function oldestPossibleSec(createdAt: string): number {
  const ms = Date.parse(createdAt);
  return Number.isFinite(ms) ? Math.max(0, Math.floor(ms / 1000) - HISTORY_SLACK_SEC) : 0;
}

/**
 * Posts outbox messages with chat.postMessage, each carrying its delivery id in message metadata.
 * A message with earlier attempts may already be in Slack, so it is first looked up in the
 * conversation's history and its ts returned instead of posting twice. Posts to one channel are
 * spaced about a second apart, and a 429 holds that channel back for its Retry-After.
 * Once Slack says the token is dead, no further request is made: every send fails the same way.
 */
export function createSlackSender(options: SlackSenderOptions): Sender {
  const { client, clock, log } = options;
  const resolver = createConversationResolver(client);
  const pacer = options.pacer ?? createChannelPacer({ clock });
  let deadToken: DeliveryError | null = null;

  async function deliver(message: OutboxMessage): Promise<{ platformMessageId: string | null }> {
    const body = toSlackMessage(message.payload);
    const destination = await resolver.destination(message.target);
    await pacer.take(destination.postTo);
    try {
      if (message.attempts > 0) {
        const found = await findDeliveredMessage(client, {
          channel: await resolver.historyChannel(destination),
          deliveryId: message.key,
          oldestSec: oldestPossibleSec(message.createdAt),
        });
        if (found) {
          log.info({ outbox_id: message.id, target: message.target, ts: found }, "slack delivery already made; not posting again");
          return { platformMessageId: found };
        }
      }
      const result = await client.chat.postMessage({
        ...body,
        channel: destination.postTo,
        metadata: { event_type: DELIVERY_EVENT_TYPE, event_payload: { delivery_id: message.key } },
      } as webApi.ChatPostMessageArguments);
      resolver.remember(destination, result.channel);
      log.debug({ outbox_id: message.id, target: message.target, ts: result.ts }, "slack message posted");
      return { platformMessageId: result.ts ?? null };
    } catch (error) {
      const failure = classifySlackError(error);
      if (failure.retryAfterMs !== null) pacer.pause(destination.postTo, failure.retryAfterMs);
      throw failure;
    }
  }

  return {
    async send(message) {
      if (deadToken) throw new DeliveryError("permanent", deadToken.message, { cause: deadToken, scope: "platform" });
      try {
        return await deliver(message);
      } catch (error) {
        const failure = classifySlackError(error);
        const code = slackErrorCode(failure);
        if (code !== null && AUTH_SLACK_ERRORS.has(code)) {
          deadToken = failure;
          log.error({ slack_error: code }, "slack token refused; sends stop until the bot is restarted with a valid token");
        }
        throw failure;
      }
    },
  };
}
