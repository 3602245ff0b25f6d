import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createInProcessQueue } from "../../../src/runtime/jobs/in-process-queue.js";
import type { JobName, JobQueue } from "../../../src/runtime/jobs/job-queue.js";
import { createPgBossQueue } from "../../../src/runtime/jobs/pg-boss-queue.js";
import { createPgliteClient } from "../../../src/store/postgres/pglite-client.js";
import { postgresForTests, serverUrl } from "../../fakes/postgres-for-tests.js";

/** A promise the test resolves, standing for a job that takes as long as the test wants. */
function gate() {
  let open: () => void = () => undefined;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One database (or none) that queue instances, standing for workers, share. */
interface QueueRig {
  newQueue(options?: { pollMs?: number }): Promise<JobQueue>;
  errors: string[];
  close(): Promise<void>;
}

interface Engine {
  name: string;
  /** Whether a second queue instance sees the first one's jobs (a queue in a database). */
  shared: boolean;
  open(): Promise<QueueRig>;
}

function rigOver(openQueue: (onError: (name: JobName, error: unknown) => void, pollMs: number) => Promise<JobQueue>, cleanUp: () => Promise<void>): QueueRig {
  const errors: string[] = [];
  const opened: JobQueue[] = [];
  return {
    errors,
    async newQueue(options = {}) {
      const queue = await openQueue((name, error) => errors.push(`${name}: ${error instanceof Error ? error.message : String(error)}`), options.pollMs ?? 100);
      opened.push(queue);
      return queue;
    },
    async close() {
      for (const queue of opened) await queue.stop(0);
      await cleanUp();
    },
  };
}

const onQueueError = (error: unknown) => {
  throw error;
};
// Retries come quickly here: a second or two, not minutes.
const retry = { limit: 1, delaySeconds: 1 };

const engines: Engine[] = [
  { name: "in-process", shared: false, open: async () => rigOver(async (onError) => createInProcessQueue({ onError }), async () => undefined) },
  {
    name: "pg-boss on PGlite",
    shared: true,
    async open() {
      const client = await createPgliteClient();
      return rigOver((onError, pollMs) => createPgBossQueue({ client, schema: "boss", onError, onQueueError, pollMs, retry }), () => client.close());
    },
  },
];
if (serverUrl) {
  engines.push({
    name: "pg-boss on the PostgreSQL server",
    shared: true,
    async open() {
      const pg = await postgresForTests("server");
      const schema = `${pg.schema}_boss`;
      return rigOver(
        (onError, pollMs) => createPgBossQueue({ url: pg.url!, schema, onError, onQueueError, pollMs, retry }),
        async () => {
          await pg.client.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
          await pg.close();
        },
      );
    },
  });
}

describe.each(engines)("the job queue contract: $name", (engine) => {
  let rig: QueueRig;
  beforeEach(async () => void (rig = await engine.open()));
  afterEach(async () => rig.close());

  it("keeps one waiting job per key, and takes a new one for a key while its job runs", async () => {
    const queue = await rig.newQueue();
    const batches: string[][] = [];
    for (const sourceId of ["a", "b", "a", "c", "b"]) await queue.send("poll-source", { sourceId, force: false }, { key: sourceId });
    const held = gate();
    queue.work("poll-source", { batchSize: 100 }, async (jobs) => {
      batches.push(jobs.map((job) => job.sourceId).sort());
      if (batches.length === 1) await held.promise;
    });
    await waitUntil(() => batches.length === 1);
    await queue.send("poll-source", { sourceId: "a", force: true }, { key: "a" });
    await queue.send("poll-source", { sourceId: "a", force: true }, { key: "a" });
    held.open();
    await queue.idle();
    expect(batches).toEqual([["a", "b", "c"], ["a"]]);
    expect(rig.errors).toEqual([]);
  });

  it("hands a handler at most batchSize jobs, and runs each kind one batch at a time", async () => {
    const queue = await rig.newQueue();
    for (const target of ["1", "2", "3", "4", "5"]) await queue.send("deliver", { target }, { key: target });
    const sizes: number[] = [];
    let inHand = 0;
    let mostInHand = 0;
    queue.work("deliver", { batchSize: 2 }, async (jobs) => {
      mostInHand = Math.max(mostInHand, ++inHand);
      sizes.push(jobs.length);
      await sleep(10);
      inHand -= 1;
    });
    await queue.idle();
    expect(sizes).toEqual([2, 2, 1]);
    expect(mostInHand).toBe(1);
  });

  it("runs kinds independently: one kind's long batch holds up no other, and idle(names) watches only those", async () => {
    const queue = await rig.newQueue();
    const held = gate();
    const order: string[] = [];
    queue.work("poll-source", { batchSize: 100 }, async (jobs) => {
      order.push(`poll ${jobs[0]!.sourceId} start`);
      if (jobs[0]!.sourceId === "first") await held.promise;
      order.push(`poll ${jobs[0]!.sourceId} done`);
    });
    queue.work("deliver", { batchSize: 100 }, async () => void order.push("deliver"));
    await queue.send("poll-source", { sourceId: "first", force: false }, { key: "first" });
    await waitUntil(() => order.length === 1);
    await queue.send("poll-source", { sourceId: "second", force: false }, { key: "second" });
    await queue.send("deliver", { target: "*" }, { key: "*" });
    await queue.idle(["deliver"]);
    expect(order).toEqual(["poll first start", "deliver"]);
    held.open();
    await queue.idle();
    expect(order).toEqual(["poll first start", "deliver", "poll first done", "poll second start", "poll second done"]);
  });

  it("runs a task between batches of the kinds it holds, while other kinds go on", async () => {
    const queue = await rig.newQueue();
    const held = gate();
    const order: string[] = [];
    queue.work("digest-slot", { batchSize: 1 }, async ([job]) => {
      order.push(`digest ${job!.digestId}`);
      if (job!.digestId === "a") await held.promise;
    });
    queue.work("deliver", { batchSize: 100 }, async () => void order.push("deliver"));
    await queue.send("digest-slot", { digestId: "a", slot: "s" }, { key: "a@s" });
    await waitUntil(() => order.length === 1);
    const between = queue.between(["digest-slot"], async () => void order.push("reload"));
    await queue.send("digest-slot", { digestId: "b", slot: "s" }, { key: "b@s" });
    await queue.send("deliver", { target: "*" }, { key: "*" });
    await queue.idle(["deliver"]);
    held.open();
    await between;
    await queue.idle();
    expect(order).toEqual(["digest a", "deliver", "reload", "digest b"]);
  });

  it("runs a job sent in this process without waiting for the next look for jobs", async () => {
    const queue = await rig.newQueue({ pollMs: 600_000 });
    const seen: string[] = [];
    queue.work("deliver", { batchSize: 100 }, async (jobs) => void seen.push(...jobs.map((job) => job.target)));
    await sleep(50);
    await queue.send("deliver", { target: "general" }, { key: "general" });
    await waitUntil(() => seen.length === 1);
    expect(seen).toEqual(["general"]);
  });

  it("reports a handler's error through onError", async () => {
    const queue = await rig.newQueue();
    let runs = 0;
    queue.work("chat-digests", { batchSize: 1 }, async () => {
      runs += 1;
      if (runs === 1) throw new Error("the store was locked");
    });
    await queue.send("chat-digests", {}, { key: "chat-digests" });
    await queue.idle();
    expect(rig.errors).toEqual(["chat-digests: the store was locked"]);
    // A shared queue runs the batch again after a delay; the in-process queue leaves it to the next tick.
    expect(runs).toBe(engine.shared ? 2 : 1);
  });

  it("stops within its grace: aborts the batches in hand, leaves waiting jobs, and names the kinds it left running", async () => {
    const queue = await rig.newQueue();
    const seen: string[] = [];
    queue.work("poll-source", { batchSize: 100 }, async (jobs, signal) => {
      seen.push(`poll ${jobs[0]!.sourceId}`);
      await new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve()));
    });
    queue.work("deliver", { batchSize: 1 }, async ([job]) => {
      seen.push(`deliver ${job!.target}`);
      await new Promise(() => undefined);
    });
    await queue.send("poll-source", { sourceId: "a", force: false }, { key: "a" });
    await queue.send("deliver", { target: "stuck" }, { key: "stuck" });
    await waitUntil(() => seen.length === 2);
    await queue.send("deliver", { target: "later" }, { key: "later" });
    const { unfinished } = await queue.stop(300);
    expect(unfinished).toEqual(["deliver"]);
    expect(seen.sort()).toEqual(["deliver stuck", "poll a"]);
    if (!engine.shared) return;

    // Another worker takes what this one handed back and what was waiting, once each; not the poll it finished.
    const next = await rig.newQueue();
    const taken: string[] = [];
    next.work("poll-source", { batchSize: 100 }, async (jobs) => void taken.push(...jobs.map((job) => `poll ${job.sourceId}`)));
    next.work("deliver", { batchSize: 100 }, async (jobs) => void taken.push(...jobs.map((job) => `deliver ${job.target}`)));
    await next.idle();
    await sleep(300);
    await next.idle();
    expect(taken.sort()).toEqual(["deliver later", "deliver stuck"]);
    expect(rig.errors).toEqual([]);
  });

});

describe.each(engines.filter((engine) => engine.shared))("the job queue shared by workers: $name", (engine) => {
  let rig: QueueRig;
  beforeEach(async () => void (rig = await engine.open()));
  afterEach(async () => rig.close());

  it("never runs two jobs of one key at once across workers, and keeps one waiting per key across them", async () => {
    const workers = [await rig.newQueue(), await rig.newQueue()];
    const running = new Set<string>();
    const overlaps: string[] = [];
    const runs: string[] = [];
    workers.forEach((queue, n) =>
      queue.work("deliver", { batchSize: 10 }, async (jobs) => {
        for (const { target } of jobs) {
          if (running.has(target)) overlaps.push(target);
          running.add(target);
        }
        runs.push(...jobs.map((job) => `${job.target} on ${n}`));
        await sleep(40);
        for (const { target } of jobs) running.delete(target);
      }),
    );
    for (let round = 0; round < 12; round += 1) {
      await Promise.all(workers.map((queue) => queue.send("deliver", { target: round % 3 === 0 ? "y" : "x" }, { key: round % 3 === 0 ? "y" : "x" })));
      await sleep(15);
    }
    await Promise.all(workers.map((queue) => queue.idle()));
    expect(overlaps).toEqual([]);
    expect(runs.filter((run) => run.startsWith("x")).length).toBeGreaterThan(1);
    // Twenty-four sends, but never more than one waiting per key: far fewer runs.
    expect(runs.length).toBeLessThan(24);
    expect(rig.errors).toEqual([]);
  });
});

/** Waits (in small steps, up to the test's timeout) until `done` holds. */
async function waitUntil(done: () => boolean): Promise<void> {
  while (!done()) await sleep(5);
}
