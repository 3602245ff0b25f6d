/**
 * A message body as one platform wants it; renderers make these, adapters send them as they are.
 * The safety fields are part of the type so no payload can be built without them:
 * Slack messages never unfurl (a digest stays one compact message), Discord messages never ping.
 */
export type OutboundPayload =
  | { kind: "text"; text: string }
  | {
      kind: "slack";
      /** Notification fallback; escaped mrkdwn. */
      text: string;
      blocks: unknown[];
      unfurl_links: false;
      unfurl_media: false;
    }
  | {
      kind: "discord";
      content: string;
      embeds: unknown[];
      /** Sent on every path (channel, webhook, interaction reply), so escaping is never the only guard. */
      allowed_mentions: { parse: []; replied_user: false };
    };

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
