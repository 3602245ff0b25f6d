import { randomUUID } from "node:crypto";
import PgBoss from "pg-boss";
import { BriefingError } from "../../domain/errors.js";
import type { SqlClient } from "../../store/postgres/sql-client.js";
import type { JobHandler, JobName, JobPayloads, JobQueue, SendOptions, WorkOptions } from "./job-queue.js";
import { runBetween } from "./run-between.js";
import { pgBossDbOver } from "./pg-boss-db.js";
import { handBack, takeJobs, type TakenJob } from "./pg-boss-sql.js";

export interface PgBossQueueOptions {
  /** The server (postgres://…); pg-boss opens a pool of its own. */
  url?: string;
  /** Or a client whose connection pg-boss shares (PGlite, where there is one connection). */
  client?: SqlClient;
  /** pg-boss's own schema; default `pgboss`. Tests give each queue database a schema of its own. */
  schema?: string;
  /** Told when a handler throws; the batch is retried (see `retry`). */
  onError: (name: JobName, error: unknown) => void;
  /** Told of failures outside any handler: a look for jobs, pg-boss's upkeep, a send the database refused. */
  onQueueError: (error: unknown) => void;
  /** How often each kind looks for jobs sent by other processes; jobs sent here wake it at once. Default 1 s. */
  pollMs?: number;
  /** A batch that threw runs again this many times, after `delaySeconds` (whole seconds) doubling with jitter. Default 3, 5 s. */
  retry?: { limit: number; delaySeconds: number };
  /**
   * A batch still running after this long has its signal aborted, and pg-boss's upkeep gives it to
   * another worker (retry): how the jobs of a worker that died are taken again, and until then its keys
   * wait. Handlers stop at the signal and leave the rest due, so a short expiry only cuts long batches
   * in two. Default 5 minutes.
   */
  expireInSeconds?: number;
  /** How often pg-boss's upkeep runs (expiry, archive); default 60 s. */
  maintenanceIntervalSeconds?: number;
}

/** The batch one kind has in hand: its jobs, until they are completed, failed or handed back. */
interface Lane {
  handler: ((jobs: unknown[], signal: AbortSignal) => Promise<void>) | null;
  batchSize: number;
  running: Promise<void> | null;
  inHand: string[];
  /** The handler has returned; its jobs are being marked done or failed. */
  settling: boolean;
  /** Taking jobs (or handing back ones taken as the worker began stopping). */
  looking: boolean;
  holds: number;
  again: boolean;
  timer: NodeJS.Timeout | null;
}

// Every kind once: the compiler names a kind added to JobPayloads and missing here.
const KINDS: Record<JobName, true> = { "poll-source": true, "digest-slot": true, "chat-digests": true, deliver: true, "plan-alerts": true };
const ALL_KINDS = Object.keys(KINDS) as JobName[];
// Beyond this, the rest of a long queue comes in the next batch.
const MOST_PER_BATCH = 1_000;

/**
 * The job queue shared by every worker on one PostgreSQL database, over pg-boss 10. Every kind is a
 * `stately` queue keyed by `send`'s key (a fresh key when none is given): at most one job waiting and
 * one running per key across all workers. Each kind here runs one batch at a time, independently.
 */
export async function createPgBossQueue(options: PgBossQueueOptions): Promise<JobQueue> {
  if (!options.url === !options.client) throw new BriefingError("config", "the pg-boss job queue needs exactly one of a server URL or a SQL client");
  const schema = options.schema ?? "pgboss";
  const pollMs = options.pollMs ?? 1_000;
  const retry = options.retry ?? { limit: 3, delaySeconds: 5 };
  const expireInSeconds = options.expireInSeconds ?? 5 * 60;
  const boss = new PgBoss({
    ...(options.url ? { connectionString: options.url, application_name: "briefing-bot jobs" } : { db: pgBossDbOver(options.client!) }),
    schema,
    // Digests have their own cron (node-cron, per worker, deduplicated by slot key): pg-boss's is not needed.
    schedule: false,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 60,
  });
  boss.on("error", options.onQueueError);
  await boss.start();
  for (const name of ALL_KINDS) await ensureQueue(boss, name);

  const lanes = new Map<JobName, Lane>();
  const abort = new AbortController();
  let closed = false;
  let idleWaiters: Array<() => void> = [];
  const tellIdle = () => {
    const waiters = idleWaiters;
    idleWaiters = [];
    waiters.forEach((wake) => wake());
  };
  const laneOf = (name: JobName): Lane => {
    let lane = lanes.get(name);
    if (!lane) lanes.set(name, (lane = { handler: null, batchSize: 1, running: null, inHand: [], settling: false, looking: false, holds: 0, again: false, timer: null }));
    return lane;
  };

  const runBatch = async (name: JobName, lane: Lane, jobs: TakenJob[]) => {
    const ids = jobs.map((job) => job.id);
    lane.inHand = ids;
    const expiry = new AbortController();
    // A tenth early: the handler has time to return and mark its jobs done before pg-boss's upkeep expires them.
    const expiryTimer = setTimeout(() => expiry.abort(new Error(`the ${name} batch is about to expire`)), expireInSeconds * 900);
    let succeeded = false;
    try {
      await lane.handler!(
        jobs.map((job) => job.data),
        AbortSignal.any([abort.signal, expiry.signal]),
      );
      succeeded = true;
    } catch (error) {
      options.onError(name, error);
    } finally {
      clearTimeout(expiryTimer);
    }
    // Handed back by `stop` while the handler ran over its grace: another worker owns these jobs now.
    if (lane.inHand !== ids) return;
    lane.settling = true;
    try {
      await (succeeded ? boss.complete(name, ids) : boss.fail(name, ids));
    } finally {
      lane.settling = false;
      lane.inHand = [];
    }
  };

  const pump = (name: JobName) => {
    const lane = laneOf(name);
    if (lane.running) return void (lane.again = true);
    if (!lane.handler || lane.holds > 0 || abort.signal.aborted || closed) return;
    if (lane.timer) clearTimeout(lane.timer);
    lane.timer = null;
    lane.again = false;
    let found = false;
    lane.running = (async () => {
      lane.looking = true;
      const jobs = await takeJobs(boss.getDb(), schema, name, Math.min(lane.batchSize, MOST_PER_BATCH));
      found = jobs.length > 0;
      // Taken as the worker began stopping: back for another worker, untouched.
      if (found && abort.signal.aborted) await handBack(boss, schema, name, jobs.map((job) => job.id));
      lane.looking = false;
      if (found && !abort.signal.aborted) await runBatch(name, lane, jobs);
    })()
      .catch(options.onQueueError)
      .finally(() => {
        lane.running = null;
        lane.looking = false;
        tellIdle();
        if (found || lane.again) pump(name);
        else if (!abort.signal.aborted && !closed) lane.timer = setTimeout(() => pump(name), pollMs);
      });
  };

  const waitingOrRunning = async (names: JobName[]) => {
    const rows = await boss.getDb().executeSql(`SELECT count(*)::int AS n FROM ${schema}.job WHERE name = ANY($1) AND state < 'completed'`, [names]);
    return Number((rows.rows[0] as { n: number }).n) > 0;
  };

  return {
    shared: true,
    async send<N extends JobName>(name: N, data: JobPayloads[N], sendOptions: SendOptions = {}) {
      if (closed) return options.onQueueError(new Error(`the job queue is stopped; a ${name} job was not queued`));
      try {
        await boss.send(name, data, {
          singletonKey: sendOptions.key ?? randomUUID(),
          retryLimit: retry.limit,
          retryDelay: Math.max(0, Math.round(retry.delaySeconds)),
          retryBackoff: true,
          expireInSeconds,
        });
      } catch (error) {
        return options.onQueueError(error);
      }
      pump(name);
    },
    work<N extends JobName>(name: N, workOptions: WorkOptions, handler: JobHandler<N>) {
      const lane = laneOf(name);
      lane.handler = handler as Lane["handler"];
      lane.batchSize = Math.max(1, workOptions.batchSize);
      pump(name);
    },
    async idle(names) {
      const watched = names ?? ALL_KINDS;
      for (;;) {
        if (abort.signal.aborted) return;
        const local = watched.map((name) => lanes.get(name)?.running).filter(Boolean);
        if (local.length === 0 && !(await waitingOrRunning(watched))) return;
        // Woken by a batch ending here; jobs other workers run or will run are looked at again after a poll.
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(pollMs, 250));
          idleWaiters.push(() => (clearTimeout(timer), resolve()));
        });
      }
    },
    between: (names, task) => runBetween(names, laneOf, pump, task),
    async stop(graceMs) {
      if (closed) return { unfinished: [] };
      abort.abort(new Error("the worker is stopping"));
      tellIdle();
      for (const lane of lanes.values()) if (lane.timer) clearTimeout(lane.timer);
      let timer: NodeJS.Timeout | undefined;
      const timeUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
      await Promise.race([Promise.all([...lanes.values()].map((lane) => lane.running)), timeUp]);
      clearTimeout(timer);
      // A batch that finished just in time is marked done, not handed back to be done twice.
      await Promise.all([...lanes.values()].filter((lane) => lane.settling).map((lane) => lane.running));
      const unfinished: JobName[] = [];
      for (const [name, lane] of lanes) {
        if (lane.inHand.length === 0) continue;
        const ids = lane.inHand;
        lane.inHand = [];
        unfinished.push(name);
        await handBack(boss, schema, name, ids).catch(options.onQueueError);
      }
      // A look for jobs under way hands back what it takes; let it, rather than strand those jobs as running.
      await Promise.all([...lanes.values()].filter((lane) => lane.looking).map((lane) => lane.running));
      closed = true;
      await boss.stop({ graceful: false, close: true });
      return { unfinished };
    },
  };
}

const CONCURRENT_DDL_ERRORS = new Set(["40P01", "23505", "42P07"]);

/**
 * Creates a kind's queue unless it exists. Workers starting together would each create it, and
 * pg-boss's DDL then deadlocks or collides: the loser waits a moment and finds it made.
 */
async function ensureQueue(boss: PgBoss, name: JobName): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    if (await boss.getQueue(name)) return;
    try {
      return await boss.createQueue(name, { name, policy: "stately" });
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (attempt >= 8 || !code || !CONCURRENT_DDL_ERRORS.has(code)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 250 * attempt));
    }
  }
}
