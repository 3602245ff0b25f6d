import type Database from "better-sqlite3";
import type { NewOutboxMessage, OutboundPayload, OutboxMessage } from "../../domain/outbound.js";
import type { OutboxStore, PausedTarget } from "../../outbox/outbox-store.js";

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
  // Messages to one target go in the order they were written: one waiting for a retry holds back the
  // later ones, so a digest's parts and a channel's alerts arrive in order.
  const due = db.prepare(`
    SELECT * FROM outbox AS m
    WHERE m.status = 'pending' AND m.next_attempt_at <= @now
      AND (@targets IS NULL OR m.target IN (SELECT value FROM json_each(@targets)))
      AND NOT EXISTS (SELECT 1 FROM outbox AS earlier
                      WHERE earlier.target = m.target AND earlier.status = 'pending' AND earlier.id < m.id)
    ORDER BY m.id LIMIT @limit`);
  const heads = db.prepare(`
    SELECT m.target AS target, m.next_attempt_at AS at FROM outbox AS m
    WHERE m.status = 'pending'
      AND NOT EXISTS (SELECT 1 FROM outbox AS earlier
                      WHERE earlier.target = m.target AND earlier.status = 'pending' AND earlier.id < m.id)
    ORDER BY m.next_attempt_at LIMIT ?`);
  const attempt = db.prepare("UPDATE outbox SET attempts = attempts + 1 WHERE id = ? AND attempts = ? AND status = 'pending'");
  const sent = db.prepare(
    "UPDATE outbox SET status = 'sent', sent_at = ?, platform_message_id = ?, last_error = NULL WHERE id = ?",
  );
  const retry = db.prepare("UPDATE outbox SET next_attempt_at = ?, last_error = ? WHERE id = ?");
  const failed = db.prepare("UPDATE outbox SET status = 'failed', last_error = ? WHERE id = ?");
  const requeue = db.prepare("UPDATE outbox SET status = 'pending', next_attempt_at = ? WHERE id = ? AND status = 'failed'");
  const pause = db.prepare("INSERT INTO paused_targets (target, reason, paused_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING");
  const resume = db.prepare("DELETE FROM paused_targets WHERE target = ?");
  const paused = db.prepare("SELECT target, reason, paused_at AS pausedAt FROM paused_targets ORDER BY target");

  return {
    enqueueSync(messages, now) {
      return enqueueAll.immediate(messages, now);
    },
    async enqueue(messages, now) {
      return enqueueAll.immediate(messages, now);
    },
    async due(now, limit, targets) {
      return (due.all({ now, limit, targets: targets ? JSON.stringify(targets) : null }) as OutboxRow[]).map(rowToMessage);
    },
    async nextAttempts(limit) {
      return heads.all(limit) as Array<{ target: string; at: string }>;
    },
    async beginAttempt(message) {
      return attempt.run(message.id, message.attempts).changes > 0;
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
    async requeue(id, now) {
      return requeue.run(now, id).changes > 0;
    },
    async pauseTarget(target, reason, at) {
      return pause.run(target, reason, at).changes > 0;
    },
    async resumeTarget(target) {
      resume.run(target);
    },
    async pausedTargets() {
      return paused.all() as PausedTarget[];
    },
    async listOutbox(statuses) {
      if (statuses.length === 0) return [];
      const marks = statuses.map(() => "?").join(", ");
      const rows = db.prepare(`SELECT * FROM outbox WHERE status IN (${marks}) ORDER BY id`).all(...statuses) as OutboxRow[];
      return rows.map(rowToMessage);
    },
  };
}
