import { BriefingError } from "../../domain/errors.js";

export interface BusyRetryOptions {
  /** Give up after waiting this long in all (default two minutes). */
  maxWaitMs?: number;
  /** First pause between attempts; doubled each time up to `maxDelayMs`. */
  firstDelayMs?: number;
  maxDelayMs?: number;
  /** Injected in tests; a timer by default, so the event loop keeps serving while we wait. */
  sleep?: (ms: number) => Promise<void>;
}

/** SQLITE_BUSY (and its extended codes) or SQLITE_LOCKED: another connection holds the lock we need. */
export function isBusyError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED"));
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` and, while SQLite answers busy, runs it again after a growing pause. better-sqlite3
 * waits for a lock synchronously (its busy timeout blocks the whole event loop), so the connection's
 * timeout is kept short and the real waiting happens here, on timers, while acks and other work go on.
 * `work` must be a whole transaction (or a single statement): a busy attempt has changed nothing.
 */
export async function retryWhenBusy<T>(work: () => T | Promise<T>, options: BusyRetryOptions = {}): Promise<T> {
  const maxWaitMs = options.maxWaitMs ?? 120_000;
  const maxDelayMs = options.maxDelayMs ?? 500;
  const sleep = options.sleep ?? sleepFor;
  let delay = options.firstDelayMs ?? 10;
  let waited = 0;
  for (;;) {
    try {
      return await work();
    } catch (error) {
      if (!isBusyError(error)) throw error;
      if (waited >= maxWaitMs) {
        throw new BriefingError("store", `the database stayed locked by another process for ${Math.round(waited / 1000)} s`, { cause: error });
      }
      await sleep(delay);
      waited += delay;
      delay = Math.min(delay * 2, maxDelayMs);
    }
  }
}

/** The same object with each of its methods retried while the database is busy (see `retryWhenBusy`). */
export function retryingWhenBusy<T extends object>(target: T, options: BusyRetryOptions = {}): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(target)) {
    wrapped[name] =
      typeof value === "function"
        ? (...args: unknown[]) => retryWhenBusy(() => (value as (...a: unknown[]) => unknown).apply(target, args), options)
        : value;
  }
  return wrapped as T;
}
