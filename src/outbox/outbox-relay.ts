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
  /**
   * Told once per process when a whole platform is stopped (a `platform`-scoped error: the token was
   * refused). Its messages stay pending and go out after a restart with working credentials.
   * Without it, `onTargetPaused` is told with the target `<platform>:*`.
   */
  onPlatformPaused?: (platform: string, reason: string) => Promise<void>;
  /** Attempts before a message that keeps failing (network, 5xx) is marked failed; 429s do not use them up. */
  maxAttempts?: number;
  baseBackoffMs?: number;
  /** Upper bound of one back-off (before jitter); attempts spent on 429s would otherwise push it out for days. */
  maxBackoffMs?: number;
  /** How many targets are delivered to at once; messages to one target always go one at a time. */
  parallelTargets?: number;
  random?: () => number;
  /**
   * How long a message being sent is held from other processes' relays; after a crash mid-send it comes
   * due again then (in doubt). Longer than any send may take: Slack's is 10 s with one retry, Discord's
   * REST 15 s. Default 45 s.
   */
  inFlightHoldMs?: number;
}

export interface OutboxRelay {
  /**
   * Delivers every message that is due now (with `targets`, only to those destinations); returns how
   * many were sent. Once `signal` aborts, no new message is started: the sends in hand finish and are
   * recorded, the rest stay queued.
   */
  drain(signal?: AbortSignal, targets?: readonly string[]): Promise<number>;
  /** When the next queued message may be tried (null: nothing waits), leaving out stopped platforms. */
  nextDueAt(): Promise<Date | null>;
  /** Destinations with a message that may be tried now, leaving out stopped platforms. */
  dueTargets(): Promise<string[]>;
}

type Outcome = "sent" | "deferred" | "failed" | "held" | "taken";

const BATCH = 200;
const MIN_RATE_LIMIT_WAIT_MS = 250;
/** Destinations looked at for the next due time; past this many on stopped platforms, the worker's tick covers it. */
const NEXT_DUE_LOOKAHEAD = 500;

/** The platform part of a target: `slack` for `slack:#news`, `discord-webhook` for `discord-webhook:NEWS`. */
export function platformOf(target: string): string {
  const colon = target.indexOf(":");
  const kind = colon < 0 ? target : target.slice(0, colon);
  // Channel messages and DMs go out with the same bot token; webhooks carry their own.
  return kind === "discord-user" ? "discord" : kind;
}

export function createOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { store, senderFor, clock, log } = options;
  const maxAttempts = options.maxAttempts ?? 8;
  const baseBackoffMs = options.baseBackoffMs ?? 5_000;
  const maxBackoffMs = options.maxBackoffMs ?? 15 * 60_000;
  const parallelTargets = options.parallelTargets ?? 8;
  const random = options.random ?? Math.random;
  const inFlightHoldMs = options.inFlightHoldMs ?? 45_000;
  // The pass under way; passes never overlap, so no message is handed to two senders at once.
  let current: { all: boolean; pass: Promise<number> } | null = null;
  // Platforms stopped by a refused token; in memory on purpose, so a restart (with a new token) resumes them.
  const pausedPlatforms = new Map<string, string>();

  async function fail(message: OutboxMessage, reason: string, pause: boolean): Promise<Outcome> {
    await store.markFailed(message.id, reason);
    log.warn({ outbox_id: message.id, target: message.target, reason }, "delivery failed");
    if (pause && (await store.pauseTarget(message.target, reason, clock.now().toISOString()))) {
      log.warn({ target: message.target, reason }, "target paused until an operator resumes it");
      await options.onTargetPaused?.(message.target, reason);
    }
    return "failed";
  }

  /** Keeps the message pending (due at once after a restart) and stops its whole platform for this process. */
  async function holdPlatform(message: OutboxMessage, reason: string): Promise<Outcome> {
    await store.markRetry(message.id, clock.now().toISOString(), reason);
    const platform = platformOf(message.target);
    if (pausedPlatforms.has(platform)) return "held";
    pausedPlatforms.set(platform, reason);
    log.warn({ platform, reason }, "platform paused until the bot is restarted with working credentials; its messages stay queued");
    if (options.onPlatformPaused) await options.onPlatformPaused(platform, reason);
    else await options.onTargetPaused?.(`${platform}:*`, reason);
    return "held";
  }

  async function deliver(message: OutboxMessage, paused: Map<string, string>): Promise<Outcome> {
    if (pausedPlatforms.has(platformOf(message.target))) return "held";
    const pausedReason = paused.get(message.target);
    if (pausedReason !== undefined) return fail(message, `target paused: ${pausedReason}`, false);
    const sender = senderFor(message.target);
    if (!sender) return fail(message, `no platform is configured for ${message.target}`, false);
    // Another process's relay may have taken it since `due`: then it is that relay's to send.
    const holdUntil = new Date(clock.now().getTime() + inFlightHoldMs).toISOString();
    if (!(await store.beginAttempt(message, holdUntil))) return "taken";
    try {
      const { platformMessageId } = await sender.send(message);
      await store.markSent(message.id, clock.now().toISOString(), platformMessageId);
      return "sent";
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const permanent = error instanceof DeliveryError && error.failure === "permanent";
      if (permanent && error.scope === "platform") return holdPlatform(message, reason);
      if (permanent) {
        paused.set(message.target, reason);
        return fail(message, reason, true);
      }
      // A rate limit is the platform saying when to come back, not a fault of the message: it never makes
      // the relay give up (a long 429 storm would otherwise fail the rest of a digest).
      const advised = error instanceof DeliveryError ? error.retryAfterMs : null;
      if (advised === null && message.attempts + 1 >= maxAttempts) return fail(message, `gave up after ${maxAttempts} attempts: ${reason}`, false);
      // The floor keeps a platform that keeps answering "retry after 0" from spinning the drain loop.
      const backoff = Math.min(maxBackoffMs, baseBackoffMs * 2 ** message.attempts) * (0.5 + random() / 2);
      const wait = advised !== null ? Math.max(advised, MIN_RATE_LIMIT_WAIT_MS) : backoff;
      await store.markRetry(message.id, new Date(clock.now().getTime() + wait).toISOString(), reason);
      log.info({ outbox_id: message.id, target: message.target, reason, retry_in_ms: Math.round(wait) }, "delivery will be retried");
      return "deferred";
    }
  }

  async function drainOnce(signal: AbortSignal | undefined, targets: readonly string[] | undefined): Promise<number> {
    let total = 0;
    let limit = BATCH;
    for (;;) {
      if (signal?.aborted) return total;
      const batch = await store.due(clock.now().toISOString(), limit, targets);
      // Messages of a stopped platform stay pending and are passed over (the next batch looks past them).
      const ready = batch.filter((m) => !pausedPlatforms.has(platformOf(m.target)));
      if (ready.length === 0) {
        if (batch.length < limit) return total;
        limit += BATCH;
        continue;
      }
      const paused = new Map((await store.pausedTargets()).map((p) => [p.target, p.reason]));
      // `due` gives at most one message per target (its oldest), so these are all different targets and
      // the next batch brings each target's next message only once this one is out of the way.
      let sentThisRound = 0;
      for (let start = 0; start < ready.length; start += parallelTargets) {
        if (signal?.aborted) break;
        const outcomes = await Promise.all(ready.slice(start, start + parallelTargets).map((message) => deliver(message, paused)));
        sentThisRound += outcomes.filter((outcome) => outcome === "sent").length;
      }
      // Every ready message was sent, failed, deferred, held or taken by another process (and each of the
      // last three holds back its target, or its whole platform), so this ends.
      total += sentThisRound;
    }
  }

  // Each destination's next message, soonest first; messages of a stopped platform are not coming due: they wait for a restart.
  const liveHeads = async () => (await store.nextAttempts(NEXT_DUE_LOOKAHEAD)).filter((entry) => !pausedPlatforms.has(platformOf(entry.target)));

  return {
    drain(signal, targets) {
      // A call for everything while such a pass is under way shares it; any other call waits its turn.
      if (!targets && current?.all) return current.pass;
      const before = current?.pass ?? Promise.resolve(0);
      const pass = before.catch(() => 0).then(() => drainOnce(signal, targets));
      const entry = { all: !targets, pass };
      current = entry;
      void pass.finally(() => {
        if (current === entry) current = null;
      }).catch(() => undefined);
      return pass;
    },
    async nextDueAt() {
      const [head] = await liveHeads();
      return head ? new Date(head.at) : null;
    },
    async dueTargets() {
      const now = clock.now().getTime();
      return (await liveHeads()).filter((entry) => Date.parse(entry.at) <= now).map((entry) => entry.target);
    },
  };
}
