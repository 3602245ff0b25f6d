import type { NewOutboxMessage, OutboundPayload, OutboxMessage } from "../../domain/outbound.js";
import type { OutboxStore, PausedTarget } from "../../outbox/outbox-store.js";
import type { SqlClient } from "./sql-client.js";
import { isoTime, isoTimeOrNull } from "./pg-time.js";

interface PgOutboxRow {
  id: number;
  key: string;
  target: string;
  grp: string;
  part: number;
  payload: OutboundPayload;
  status: OutboxMessage["status"];
  attempts: number;
  next_attempt_at: Date | string;
  created_at: Date | string;
  sent_at: Date | string | null;
  platform_message_id: string | null;
  last_error: string | null;
}

function rowToMessage(row: PgOutboxRow): OutboxMessage {
  return {
    id: Number(row.id),
    key: row.key,
    target: row.target,
    group: row.grp,
    part: row.part,
    payload: row.payload,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: isoTime(row.next_attempt_at),
    createdAt: isoTime(row.created_at),
    sentAt: isoTimeOrNull(row.sent_at),
    platformMessageId: row.platform_message_id,
    lastError: row.last_error,
  };
}

// A target's oldest pending message: the only one of the target `due` gives, so each target keeps its order.
const HEAD = `NOT EXISTS (SELECT 1 FROM outbox AS earlier WHERE earlier.target = m.target AND earlier.status = 'pending' AND earlier.id < m.id)`;

/** Writes messages whose keys are new, on `client` (a transaction of the caller's, or the pool). */
export async function enqueueOn(client: SqlClient, messages: NewOutboxMessage[], now: string): Promise<number> {
  let added = 0;
  for (const m of messages) {
    const rows = await client.query(
      `INSERT INTO outbox (key, target, grp, part, payload, next_attempt_at, created_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $6) ON CONFLICT (key) DO NOTHING RETURNING id`,
      [m.key, m.target, m.group, m.part, JSON.stringify(m.payload), now],
    );
    added += rows.length;
  }
  return added;
}

/**
 * The outbox on PostgreSQL, where several workers deliver at once: `due` only reads, and
 * `beginAttempt` is the claim, a compare-and-set on the attempt count that also holds the message
 * from the others' `due` while it is being sent.
 */
export function createPostgresOutboxStore(client: SqlClient): OutboxStore {
  return {
    async enqueue(messages, now) {
      if (messages.length === 0) return 0;
      return client.transaction((tx) => enqueueOn(tx, messages, now));
    },
    async due(now, limit, targets) {
      const rows = await client.query<PgOutboxRow>(
        `SELECT * FROM outbox AS m
         WHERE m.status = 'pending' AND m.next_attempt_at <= $1 AND ($3::text[] IS NULL OR m.target = ANY($3::text[])) AND ${HEAD}
         ORDER BY m.id LIMIT $2`,
        [now, limit, targets ? [...targets] : null],
      );
      return rows.map(rowToMessage);
    },
    async nextAttempts(limit) {
      const rows = await client.query<{ target: string; at: Date | string }>(
        `SELECT m.target, m.next_attempt_at AS at FROM outbox AS m WHERE m.status = 'pending' AND ${HEAD} ORDER BY m.next_attempt_at, m.id LIMIT $1`,
        [limit],
      );
      return rows.map((row) => ({ target: row.target, at: isoTime(row.at) }));
    },
    async beginAttempt(message, holdUntil) {
      const rows = await client.query(
        "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = $3 WHERE id = $1 AND attempts = $2 AND status = 'pending' RETURNING id",
        [message.id, message.attempts, holdUntil],
      );
      return rows.length > 0;
    },
    async markSent(id, at, platformMessageId) {
      await client.query("UPDATE outbox SET status = 'sent', sent_at = $2, platform_message_id = $3, last_error = NULL WHERE id = $1", [id, at, platformMessageId]);
    },
    async markRetry(id, nextAttemptAt, error) {
      await client.query("UPDATE outbox SET next_attempt_at = $2, last_error = $3 WHERE id = $1", [id, nextAttemptAt, error]);
    },
    async markFailed(id, error) {
      await client.query("UPDATE outbox SET status = 'failed', last_error = $2 WHERE id = $1", [id, error]);
    },
    async requeue(id, now) {
      const rows = await client.query("UPDATE outbox SET status = 'pending', next_attempt_at = $2 WHERE id = $1 AND status = 'failed' RETURNING id", [id, now]);
      return rows.length > 0;
    },
    async pauseTarget(target, reason, at) {
      const rows = await client.query("INSERT INTO paused_targets (target, reason, paused_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING target", [target, reason, at]);
      return rows.length > 0;
    },
    async resumeTarget(target) {
      await client.query("DELETE FROM paused_targets WHERE target = $1", [target]);
    },
    async pausedTargets() {
      const rows = await client.query<{ target: string; reason: string; paused_at: Date | string }>('SELECT target, reason, paused_at FROM paused_targets ORDER BY target COLLATE "C"');
      return rows.map((row): PausedTarget => ({ target: row.target, reason: row.reason, pausedAt: isoTime(row.paused_at) }));
    },
    async listOutbox(statuses) {
      if (statuses.length === 0) return [];
      const rows = await client.query<PgOutboxRow>("SELECT * FROM outbox WHERE status = ANY($1::text[]) ORDER BY id", [statuses]);
      return rows.map(rowToMessage);
    },
  };
}
