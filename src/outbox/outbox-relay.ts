import type { Clock } from "../domain/clock.js";
import type { OutboxMessage } from "../domain/outbound.js";
import { DeliveryError } from "./delivery-error.js";
import type { OutboxStore } from "./outbox-store.js";
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
  /** Told once when a target is paused after a permanent failure (e.g. to alert an admin channel). */
  onTargetPaused?: (target: string, reason: string) => Promise<void>;
  maxAttempts?: number;
  baseBackoffMs?: number;
  /** How many targets are delivered to at once; messages to one target always go one at a time. */
  parallelTargets?: number;
  random?: () => number;
}

export interface OutboxRelay {
  /** Delivers every message that is due now; returns how many were sent. */
  drain(): Promise<number>;
}

type Outcome = "sent" | "deferred" | "failed";

export function createOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { store, senderFor, clock, log } = options;
  const maxAttempts = options.maxAttempts ?? 8;
  const baseBackoffMs = options.baseBackoffMs ?? 5_000;
  const parallelTargets = options.parallelTargets ?? 8;
  const random = options.random ?? Math.random;
  let draining: Promise<number> | null = null;

  async function fail(message: OutboxMessage, reason: string, pause: boolean): Promise<Outcome> {
    await store.markFailed(message.id, reason);
    log.warn({ outbox_id: message.id, target: message.target, reason }, "delivery failed");
    if (pause && (await store.pauseTarget(message.target, reason, clock.now().toISOString()))) {
      log.warn({ target: message.target, reason }, "target paused until an operator resumes it");
      await options.onTargetPaused?.(message.target, reason);
    }
    return "failed";
  }

  async function deliver(message: OutboxMessage, paused: Map<string, string>): Promise<Outcome> {
    const pausedReason = paused.get(message.target);
    if (pausedReason !== undefined) return fail(message, `target paused: ${pausedReason}`, false);
    const sender = senderFor(message.target);
    if (!sender) return fail(message, `no platform is configured for ${message.target}`, false);
    await store.beginAttempt(message.id);
    try {
      const { platformMessageId } = await sender.send(message);
      await store.markSent(message.id, clock.now().toISOString(), platformMessageId);
      return "sent";
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const permanent = error instanceof DeliveryError && error.failure === "permanent";
      if (permanent) {
        paused.set(message.target, reason);
        return fail(message, reason, true);
      }
      if (message.attempts + 1 >= maxAttempts) return fail(message, `gave up after ${maxAttempts} attempts: ${reason}`, false);
      const advised = error instanceof DeliveryError ? error.retryAfterMs : null;
      const wait = advised ?? baseBackoffMs * 2 ** message.attempts * (0.5 + random() / 2);
      await store.markRetry(message.id, new Date(clock.now().getTime() + wait).toISOString(), reason);
      log.info({ outbox_id: message.id, target: message.target, reason, retry_in_ms: Math.round(wait) }, "delivery will be retried");
      return "deferred";
    }
  }

  /** One lane per target: in order, and a deferred message holds back the rest of its target this round. */
  async function runLane(messages: OutboxMessage[], paused: Map<string, string>): Promise<number> {
    let sent = 0;
    for (const message of messages) {
      const outcome = await deliver(message, paused);
      if (outcome === "sent") sent += 1;
      if (outcome === "deferred") break;
    }
    return sent;
  }

  async function drainOnce(): Promise<number> {
    let total = 0;
    for (;;) {
      const batch = await store.due(clock.now().toISOString(), 200);
      if (batch.length === 0) return total;
      const paused = new Map((await store.pausedTargets()).map((p) => [p.target, p.reason]));
      const lanes = [...groupBy(batch, (m) => m.target).values()];
      let sentThisRound = 0;
      for (let start = 0; start < lanes.length; start += parallelTargets) {
        const results = await Promise.all(lanes.slice(start, start + parallelTargets).map((lane) => runLane(lane, paused)));
        sentThisRound += results.reduce((a, b) => a + b, 0);
      }
      // Every due message was sent, failed or deferred (and a deferral holds back its target), so this ends.
      total += sentThisRound;
    }
  }

  return {
    drain() {
      // Overlapping calls share one pass, so no message is handed to two senders at once.
      draining ??= drainOnce().finally(() => {
        draining = null;
      });
      return draining;
    },
  };
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}
