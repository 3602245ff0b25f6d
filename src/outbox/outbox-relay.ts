import type { Clock } from "../domain/clock.js";
import type { OutboxMessage } from "../domain/outbound.js";
import type { OutboxStore } from "./outbox-store.js";
import { DeliveryError } from "./delivery-error.js";
import type { SenderForTarget } from "./sender.js";

export interface RelayLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export interface OutboxRelayOptions {
  store: OutboxStore;
  senderFor: SenderForTarget;
  clock: Clock;
  log: RelayLog;
  maxAttempts?: number;
  baseBackoffMs?: number;
}

export interface OutboxRelay {
  /** Delivers every message that is due now; returns how many were sent. */
  drain(): Promise<number>;
}

export function createOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { store, senderFor, clock, log } = options;
  const maxAttempts = options.maxAttempts ?? 8;
  const baseBackoffMs = options.baseBackoffMs ?? 5_000;

  async function deliver(message: OutboxMessage): Promise<boolean> {
    const sender = senderFor(message.target);
    if (!sender) {
      await store.markFailed(message.id, `no platform is configured for ${message.target}`);
      log.warn({ outbox_id: message.id, target: message.target }, "no sender for target");
      return false;
    }
    try {
      const { platformMessageId } = await sender.send(message);
      await store.markSent(message.id, clock.now().toISOString(), platformMessageId);
      return true;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const permanent = error instanceof DeliveryError && error.failure === "permanent";
      if (permanent || message.attempts + 1 >= maxAttempts) {
        await store.markFailed(message.id, reason);
        log.warn({ outbox_id: message.id, target: message.target, reason }, "delivery failed");
        return false;
      }
      const advised = error instanceof DeliveryError ? error.retryAfterMs : null;
      const wait = advised ?? baseBackoffMs * 2 ** message.attempts * (0.5 + Math.random() / 2);
      await store.markRetry(message.id, new Date(clock.now().getTime() + wait).toISOString(), reason);
      log.info({ outbox_id: message.id, target: message.target, reason, retry_in_ms: Math.round(wait) }, "delivery will be retried");
      return false;
    }
  }

  return {
    async drain() {
      let sent = 0;
      for (;;) {
        const batch = await store.due(clock.now().toISOString(), 50);
        if (batch.length === 0) return sent;
        let progressed = false;
        for (const message of batch) {
          if (await deliver(message)) {
            sent += 1;
            progressed = true;
          }
        }
        if (!progressed) return sent;
      }
    },
  };
}
