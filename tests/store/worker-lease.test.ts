import type Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { createManualClock } from "../../src/domain/clock.js";
import { createSqliteWorkerLease, openDatabase } from "../../src/store/index.js";

const clock = createManualClock("2026-03-02T09:00:00Z");
const alive = new Set<number>();
const leaseFor = (db: Database.Database, pid: number, host: string) =>
  createSqliteWorkerLease(db, { pid, host, clock, staleAfterMs: 30_000, isAlive: (p) => alive.has(p) });

describe("the SQLite worker lease", () => {
  it.each([
    { case: "a live holder on this host", holderHost: "a", holderAlive: true, silentMs: 0, taken: false },
    { case: "a dead pid on this host", holderHost: "a", holderAlive: false, silentMs: 0, taken: true },
    { case: "a holder on another host that still beats", holderHost: "b", holderAlive: false, silentMs: 29_000, taken: false },
    { case: "a holder on another host silent past the limit", holderHost: "b", holderAlive: false, silentMs: 31_000, taken: true },
  ])("against $case: taken over = $taken", ({ holderHost, holderAlive, silentMs, taken }) => {
    const db = openDatabase(":memory:");
    alive.clear();
    if (holderAlive) alive.add(100);
    const holder = leaseFor(db, 100, holderHost);
    expect(holder.tryAcquire()).toEqual({ acquired: true });
    clock.advance(silentMs);
    const attempt = leaseFor(db, 200, "a").tryAcquire();
    expect(attempt.acquired).toBe(taken);
    if (!attempt.acquired) expect(attempt.holder).toMatchObject({ pid: 100, host: holderHost });
    // The old holder learns it lost the lease at its next heartbeat.
    expect(holder.renew()).toBe(!taken);
  });

  it("is free again once released", () => {
    const db = openDatabase(":memory:");
    alive.add(100);
    const first = leaseFor(db, 100, "a");
    first.tryAcquire();
    first.release();
    expect(leaseFor(db, 200, "a").tryAcquire()).toEqual({ acquired: true });
  });
});
