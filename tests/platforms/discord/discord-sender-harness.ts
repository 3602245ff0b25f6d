import { createManualClock } from "../../../src/domain/clock.js";
import type { OutboundPayload, OutboxMessage } from "../../../src/domain/outbound.js";
import { DeliveryError } from "../../../src/outbox/delivery-error.js";
import type { Sender } from "../../../src/outbox/sender.js";
import { createDiscordPlatform } from "../../../src/platforms/discord/index.js";
import { createCapturedLog, type CapturedLog } from "../../fakes/captured-log.js";
import type { FakeDiscord } from "../../fakes/fake-discord.js";
import { createRecordingCommandHandler } from "../../fakes/recording-command-handler.js";

let ids = 0;

export function discordPayload(content: string, extra: object = {}): OutboundPayload {
  return { kind: "discord", content, embeds: [], allowed_mentions: { parse: [], replied_user: false }, ...extra };
}

/** An outbox message as the relay hands it to a sender. */
export function outboxMessage(target: string, payload: OutboundPayload, key = `alert:w1:c${++ids}`): OutboxMessage {
  return {
    id: ++ids,
    key,
    target,
    group: key,
    part: 0,
    payload,
    status: "pending",
    attempts: 0,
    nextAttemptAt: "2026-01-15T02:00:00.000Z",
    createdAt: "2026-01-15T02:00:00.000Z",
    sentAt: null,
    platformMessageId: null,
    lastError: null,
  };
}

/** The platform's sender, never started: sending needs no gateway session. A fresh one has no rate-limit state. */
export function senderFor(fake: FakeDiscord, webhooks: Record<string, string> = {}): { sender: Sender; log: CapturedLog } {
  const log = createCapturedLog();
  const platform = createDiscordPlatform({
    token: fake.token,
    applicationId: fake.applicationId,
    apiUrl: fake.apiUrl,
    handler: createRecordingCommandHandler(),
    admins: [],
    log,
    clock: createManualClock("2026-01-15T02:00:00.000Z"),
    webhooks,
    maxRateLimitWaitMs: 1_000,
  });
  return { sender: platform.sender, log };
}

/** The DeliveryError a send failed with. */
export async function failureOf(promise: Promise<unknown>): Promise<DeliveryError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DeliveryError) return error;
    throw error;
  }
  throw new Error("the send succeeded");
}
