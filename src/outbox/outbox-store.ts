import type { NewOutboxMessage, OutboxMessage } from "../domain/outbound.js";

/** A destination the relay stopped sending to after a permanent failure (channel gone, bot removed). */
export interface PausedTarget {
  target: string;
  reason: string;
  pausedAt: string;
}

/** The persistence the outbox relay needs; the store implements it. */
export interface OutboxStore {
  /** Writes messages whose keys are new; returns how many were added. */
  enqueue(messages: NewOutboxMessage[], now: string): Promise<number>;
  /**
   * Due pending messages, oldest first; per target only the oldest pending one, so each target keeps its
   * order. With `targets`, only messages to those destinations.
   */
  due(now: string, limit: number, targets?: readonly string[]): Promise<OutboxMessage[]>;
  /**
   * Counts an attempt before the platform is called, so that after a crash a message with attempts > 0
   * is known to be in doubt and its sender looks for it before posting again. It is also the claim:
   * false when another process began this attempt first (its attempts moved past `message.attempts`,
   * or it left the queue). Where several processes deliver (PostgreSQL), the message is held until
   * `holdUntil`: `due` passes it over meanwhile, and after a crash mid-send it comes due then.
   * SQLite, delivered by one worker per file, does not hold it, so a restart retries it at once.
   */
  beginAttempt(message: Pick<OutboxMessage, "id" | "attempts">, holdUntil: string): Promise<boolean>;
  markSent(id: number, at: string, platformMessageId: string | null): Promise<void>;
  markRetry(id: number, nextAttemptAt: string, error: string): Promise<void>;
  markFailed(id: number, error: string): Promise<void>;
  /** Puts a failed message back in the queue; false when there is no failed message with that id. */
  requeue(id: number, now: string): Promise<boolean>;
  listOutbox(statuses: OutboxMessage["status"][]): Promise<OutboxMessage[]>;
  /** Pauses a target; true only for the call that paused it, so the admin is told once. */
  pauseTarget(target: string, reason: string, at: string): Promise<boolean>;
  resumeTarget(target: string): Promise<void>;
  pausedTargets(): Promise<PausedTarget[]>;
  /**
   * When each destination's next message may be tried: per target, the oldest pending message (the one
   * `due` would give) and its next attempt, soonest first. Lets the relay sleep until exactly then.
   */
  nextAttempts(limit: number): Promise<Array<{ target: string; at: string }>>;
}
