import type Database from "better-sqlite3";
import type { NewOutboxMessage, OutboundPayload, OutboxMessage } from "../../domain/outbound.js";
import type { OutboxStore } from "../store.js";

interface OutboxRow {
  id: number;
  key: string;
  target: string;
  grp: string;
  part: number;
  payload: string;
  status: OutboxMessage["status"];
  attempts: number;
  next_attempt_at: string;
  created_at: string;
  sent_at: string | null;
  platform_message_id: string | null;
  last_error: string | null;
}

function rowToMessage(row: OutboxRow): OutboxMessage {
  return {
    id: row.id,
    key: row.key,
    target: row.target,
    group: row.grp,
    part: row.part,
    payload: JSON.parse(row.payload) as OutboundPayload,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    createdAt: row.created_at,
    sentAt: row.sent_at,
    platformMessageId: row.platform_message_id,
    lastError: row.last_error,
  };
}

/** The outbox plus a synchronous enqueue that other writes can share a transaction with. */
export type SqliteOutboxStore = OutboxStore & { enqueueSync(messages: NewOutboxMessage[], now: string): number };

export function createSqliteOutboxStore(db: Database.Database): SqliteOutboxStore {
  const insert = db.prepare(
    `INSERT INTO outbox (key, target, grp, part, payload, next_attempt_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING`,
  );
  const enqueueAll = db.transaction((messages: NewOutboxMessage[], now: string) =>
    messages.reduce(
      (added, m) => added + insert.run(m.key, m.target, m.group, m.part, JSON.stringify(m.payload), now, now).changes,
      0,
    ),
  );
  // A part waits while an earlier part of its group is still pending, so a digest arrives in order.
  const due = db.prepare(`
    SELECT * FROM outbox AS m
    WHERE m.status = 'pending' AND m.next_attempt_at <= ?
      AND NOT EXISTS (SELECT 1 FROM outbox AS earlier
                      WHERE earlier.grp = m.grp AND earlier.part < m.part AND earlier.status = 'pending')
    ORDER BY m.id LIMIT ?`);
  const sent = db.prepare(
    "UPDATE outbox SET status = 'sent', sent_at = ?, platform_message_id = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?",
  );
  const retry = db.prepare(
    "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?",
  );
  const failed = db.prepare("UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_error = ? WHERE id = ?");

  return {
    enqueueSync(messages, now) {
      return enqueueAll.immediate(messages, now);
    },
    async enqueue(messages, now) {
      return enqueueAll.immediate(messages, now);
    },
    async due(now, limit) {
      return (due.all(now, limit) as OutboxRow[]).map(rowToMessage);
    },
    async markSent(id, at, platformMessageId) {
      sent.run(at, platformMessageId, id);
    },
    async markRetry(id, nextAttemptAt, error) {
      retry.run(nextAttemptAt, error, id);
    },
    async markFailed(id, error) {
      failed.run(error, id);
    },
    async listOutbox(statuses) {
      if (statuses.length === 0) return [];
      const marks = statuses.map(() => "?").join(", ");
      const rows = db.prepare(`SELECT * FROM outbox WHERE status IN (${marks}) ORDER BY id`).all(...statuses) as OutboxRow[];
      return rows.map(rowToMessage);
    },
  };
}
