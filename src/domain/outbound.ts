/** A message body as one platform wants it; renderers make these, adapters send them. */
export type OutboundPayload =
  | { kind: "text"; text: string }
  | { kind: "slack"; text: string; blocks: unknown[] }
  | { kind: "discord"; content: string; embeds: unknown[] };

export type OutboxStatus = "pending" | "sent" | "failed";

/** A message on its way out: written before any attempt, so it can be neither lost nor doubled. */
export interface OutboxMessage {
  id: number;
  /** Idempotency key: the same key is never enqueued twice (`digest:<id>:<window end>:<part>`). */
  key: string;
  /** Formatted target, e.g. `slack:#news`. */
  target: string;
  /** Messages of one group (one digest) are delivered in `part` order. */
  group: string;
  part: number;
  payload: OutboundPayload;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string;
  createdAt: string;
  sentAt: string | null;
  platformMessageId: string | null;
  lastError: string | null;
}

/** What a caller hands the outbox; the rest is filled in by the store. */
export type NewOutboxMessage = Pick<OutboxMessage, "key" | "target" | "group" | "part" | "payload">;
