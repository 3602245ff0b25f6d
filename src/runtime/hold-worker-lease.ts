import { hostname } from "node:os";
import type { Clock } from "../domain/clock.js";
import { BriefingError } from "../domain/errors.js";
import { retryWhenBusy, type LeaseHolder, type LeaseIdentity, type WorkerLease } from "../store/index.js";
import type { Logger } from "./logger.js";

export interface LeaseOptions {
  /** The store's worker lease (`OpenedStore.workerLease`); null where many workers share the store. */
  workerLease(identity: LeaseIdentity): WorkerLease | null;
  /** The database, named in messages. */
  file: string;
  clock: Clock;
  log: Logger;
  /** Wait for the holder to stop instead of refusing. */
  standby: boolean;
  stopSignal: Promise<unknown>;
  heartbeatMs?: number;
  staleAfterMs?: number;
}

export interface HeldLease {
  /** Resolves if another process took the lease from us (we were frozen longer than the stale limit). */
  lost: Promise<void>;
  release(): Promise<void>;
}

/**
 * Makes this process the only worker on its SQLite file: two workers would poll, alert and build
 * every digest slot twice. A second `briefing run` refuses, naming the holder; with `standby` it
 * waits and takes over once the holder stops, is killed (same host: its pid is gone) or falls
 * silent for `staleAfterMs` (another host). Resolves null when stopped while standing by.
 */
export async function holdWorkerLease(options: LeaseOptions): Promise<HeldLease | null> {
  const heartbeatMs = options.heartbeatMs ?? 5_000;
  const lease = options.workerLease({ pid: process.pid, host: hostname(), clock: options.clock, staleAfterMs: options.staleAfterMs ?? 30_000 });
  // PostgreSQL: every worker takes jobs from one queue, so there is nothing to hold.
  if (lease === null) return { lost: new Promise<void>(() => undefined), release: async () => undefined };
  let stopped = false;
  void options.stopSignal.then(() => (stopped = true));
  let announced = false;
  for (;;) {
    const attempt = await retryWhenBusy(() => lease.tryAcquire());
    if (attempt.acquired) break;
    if (!options.standby) throw new BriefingError("store", `${holderText(attempt.holder, options.file)}. Stop it first, or start this one with --standby to take over when it stops.`);
    if (!announced) {
      options.log.info({ holder_pid: attempt.holder.pid, holder_host: attempt.holder.host, since: attempt.holder.since }, `standing by: ${holderText(attempt.holder, options.file)}`);
      announced = true;
    }
    await Promise.race([new Promise((resolve) => setTimeout(resolve, Math.min(heartbeatMs, 2_000))), options.stopSignal]);
    if (stopped) return null;
  }
  if (announced) options.log.info({ pid: process.pid }, "took over as the worker");

  let markLost: () => void = () => undefined;
  const lost = new Promise<void>((resolve) => (markLost = resolve));
  const timer = setInterval(() => {
    retryWhenBusy(() => lease.renew()).then(
      (held) => {
        if (held) return;
        clearInterval(timer);
        options.log.error({ file: options.file }, "another process took the worker lease while this one was unresponsive; stopping");
        markLost();
      },
      (error: unknown) => options.log.warn({ err: error }, "could not renew the worker lease"),
    );
  }, heartbeatMs);
  return {
    lost,
    async release() {
      clearInterval(timer);
      await retryWhenBusy(() => lease.release());
    },
  };
}

function holderText(holder: LeaseHolder, file: string): string {
  return `another briefing run already works on ${file}: pid ${holder.pid} on host ${holder.host}, since ${holder.since} (last seen ${holder.heartbeatAt})`;
}
