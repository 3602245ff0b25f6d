import type { StoredItem } from "../../domain/story.js";

/**
 * The work of `briefing run`, cut where a shared queue (pg-boss on PostgreSQL) will cut it. Payloads
 * are plain JSON, so a job can be written by one process and taken by another.
 */
export interface JobPayloads {
  /** One due source to poll. Keyed by source id: never two polls of one feed at once. */
  "poll-source": { sourceId: string; force: boolean };
  /** One digest slot. Keyed by digest id and slot: posted once, whichever worker takes it. */
  "digest-slot": { digestId: string; slot: string };
  /** Post every chat-made channel digest whose slot has come. Keyed: one look waits at a time. */
  "chat-digests": Record<string, never>;
  /** Deliver what is due to one destination. Keyed by target: one drain per destination at a time, order kept. */
  deliver: { target: string };
  /** Plan watch alerts for the items one poll stored for the first time. */
  "plan-alerts": { items: StoredItem[] };
}

export type JobName = keyof JobPayloads;

export interface SendOptions {
  /** A job with this key already waiting (not started) makes this one a no-op. */
  key?: string;
}

/**
 * Runs a batch of jobs of one kind. `signal` aborts when the worker is stopping: the handler stops
 * starting new work, leaves what it did not finish for the next worker, and returns.
 */
export type JobHandler<N extends JobName> = (jobs: Array<JobPayloads[N]>, signal: AbortSignal) => Promise<void>;

export interface WorkOptions {
  /** Most jobs handed to one call; jobs waiting together run together (one poll cycle for every due source). */
  batchSize: number;
}

/** Where stages' work is queued and taken. In-process on SQLite; a pg-boss implementation on PostgreSQL. */
export interface JobQueue {
  /** Whether other processes take jobs from this queue too (pg-boss), or only this one (in-process). */
  readonly shared: boolean;
  send<N extends JobName>(name: N, data: JobPayloads[N], options?: SendOptions): Promise<void>;
  /** Registers the handler of one kind; kinds run independently of each other, each one batch at a time. */
  work<N extends JobName>(name: N, options: WorkOptions, handler: JobHandler<N>): void;
  /** Resolves once no job of these kinds (every kind when omitted) is waiting or running. */
  idle(names?: JobName[]): Promise<void>;
  /**
   * Holds these kinds (new batches wait), runs `task` once their batches in hand are done, then lets
   * them go on: how a config reload happens between polls and digests without stopping delivery.
   */
  between<T>(names: JobName[], task: () => Promise<T>): Promise<T>;
  /**
   * Takes no more jobs, aborts the handlers' signal and waits at most `graceMs` for the batches in
   * hand. Jobs not started stay queued (in a shared queue, for another worker).
   */
  stop(graceMs: number): Promise<{ unfinished: JobName[] }>;
}
