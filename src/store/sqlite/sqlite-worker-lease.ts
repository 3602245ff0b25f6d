import type Database from "better-sqlite3";
import type { Clock } from "../../domain/clock.js";

/** Who runs the worker on a database file. */
export interface LeaseHolder {
  pid: number;
  host: string;
  /** When this holder took the lease (ISO). */
  since: string;
  /** Its last sign of life (ISO). */
  heartbeatAt: string;
}

export type LeaseAttempt = { acquired: true } | { acquired: false; holder: LeaseHolder };

/** The single-worker lease of one SQLite file: at most one `briefing run` holds it at a time. */
export interface WorkerLease {
  /** Takes the lease if it is free, ours, stale, or held by a process of this host that is gone. */
  tryAcquire(): LeaseAttempt;
  /** Records a sign of life; false when someone else holds the lease now (we lost it). */
  renew(): boolean;
  release(): void;
}

export interface LeaseIdentity {
  pid: number;
  host: string;
  clock: Clock;
  /** A holder silent for this long is presumed dead (another host cannot check its pid). */
  staleAfterMs: number;
  /** Whether a pid on this host is still running; injectable for tests. */
  isAlive?: (pid: number) => boolean;
}

interface LeaseRow {
  pid: number;
  host: string;
  since: string;
  heartbeat_at: string;
}

/** A lease row in the database itself (migration 11's table), so it follows the file wherever it is opened. */
export function createSqliteWorkerLease(db: Database.Database, me: LeaseIdentity): WorkerLease {
  const read = db.prepare("SELECT pid, host, since, heartbeat_at FROM worker_lease WHERE name = 'worker'");
  const take = db.prepare(
    "INSERT INTO worker_lease (name, pid, host, since, heartbeat_at) VALUES ('worker', ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET pid = excluded.pid, host = excluded.host, since = excluded.since, heartbeat_at = excluded.heartbeat_at",
  );
  const beat = db.prepare("UPDATE worker_lease SET heartbeat_at = ? WHERE name = 'worker' AND pid = ? AND host = ?");
  const drop = db.prepare("DELETE FROM worker_lease WHERE name = 'worker' AND pid = ? AND host = ?");
  const isAlive = me.isAlive ?? processIsAlive;
  const mine = (row: LeaseRow) => row.pid === me.pid && row.host === me.host;

  const acquire = db.transaction((): LeaseAttempt => {
    const row = read.get() as LeaseRow | undefined;
    const now = me.clock.now();
    if (row && !mine(row)) {
      const silentMs = now.getTime() - Date.parse(row.heartbeat_at);
      const gone = (row.host === me.host && !isAlive(row.pid)) || silentMs > me.staleAfterMs;
      if (!gone) return { acquired: false, holder: { pid: row.pid, host: row.host, since: row.since, heartbeatAt: row.heartbeat_at } };
    }
    const at = now.toISOString();
    take.run(me.pid, me.host, row && mine(row) ? row.since : at, at);
    return { acquired: true };
  });

  return {
    tryAcquire: () => acquire.immediate(),
    renew: () => beat.run(me.clock.now().toISOString(), me.pid, me.host).changes > 0,
    release: () => void drop.run(me.pid, me.host),
  };
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
