import type { NewOutboxMessage, OutboxMessage } from "../domain/outbound.js";

/** The persistence the outbox relay needs; the store implements it. */
export interface OutboxStore {
  /** Writes messages whose keys are new; returns how many were added. */
  enqueue(messages: NewOutboxMessage[], now: string): Promise<number>;
  /** Due pending messages, oldest group first and in part order within a group. */
  due(now: string, limit: number): Promise<OutboxMessage[]>;
  markSent(id: number, at: string, platformMessageId: string | null): Promise<void>;
  markRetry(id: number, nextAttemptAt: string, error: string): Promise<void>;
  markFailed(id: number, error: string): Promise<void>;
  listOutbox(statuses: OutboxMessage["status"][]): Promise<OutboxMessage[]>;
}
