import { describe, expect, it } from "vitest";
import { runByKey } from "../../src/ingest/run-by-key.js";

interface Job {
  key: string;
  n: number;
}

const jobs = (spec: Record<string, number>): Job[] =>
  Object.entries(spec).flatMap(([key, count]) => Array.from({ length: count }, (_, n) => ({ key, n })));

/** Jobs that finish only when the test says so, recording what ran when. */
function gatedRunner() {
  const open = new Map<Job, () => void>();
  const started: Job[] = [];
  return {
    started,
    running: () => [...open.keys()],
    run: (job: Job) =>
      new Promise<void>((resolve) => {
        started.push(job);
        open.set(job, () => {
          open.delete(job);
          resolve();
        });
      }),
    finish: async (job: Job) => {
      open.get(job)!();
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

describe("runByKey", () => {
  it("starts no more than the limits allow, overall and per key", async () => {
    const gate = gatedRunner();
    const done = runByKey(jobs({ a: 5, b: 5, c: 1 }), (job) => job.key, { inFlight: 4, perKey: 2 }, gate.run);
    await new Promise((resolve) => setImmediate(resolve));
    expect(gate.running()).toHaveLength(4);
    // Keys take turns: a, b, c, then a again.
    expect(gate.running().map((job) => job.key)).toEqual(["a", "b", "c", "a"]);
    while (gate.running().length > 0) {
      const running = gate.running();
      expect(running.length).toBeLessThanOrEqual(4);
      for (const key of ["a", "b", "c"]) expect(running.filter((job) => job.key === key).length).toBeLessThanOrEqual(2);
      await gate.finish(running[0]!);
    }
    await done;
    expect(gate.started).toHaveLength(11);
  });

  it("lets other keys through while one key is stuck", async () => {
    const gate = gatedRunner();
    const done = runByKey(jobs({ slow: 50, fast: 3 }), (job) => job.key, { inFlight: 3, perKey: 1 }, gate.run);
    await new Promise((resolve) => setImmediate(resolve));
    // The first slow job never finishes until the end; the fast key still drains.
    const stuck = gate.running().find((job) => job.key === "slow")!;
    for (let i = 0; i < 3; i++) await gate.finish(gate.running().find((job) => job.key === "fast")!);
    expect(gate.started.filter((job) => job.key === "fast")).toHaveLength(3);
    expect(gate.started.filter((job) => job.key === "slow")).toHaveLength(1);
    await gate.finish(stuck);
    while (gate.running().length > 0) await gate.finish(gate.running()[0]!);
    await done;
    expect(gate.started).toHaveLength(53);
  });

  it("takes keys in turn rather than draining the first key first", async () => {
    const order: string[] = [];
    await runByKey(jobs({ a: 3, b: 3, c: 3 }), (job) => job.key, { inFlight: 1, perKey: 1 }, async (job) => void order.push(job.key));
    expect(order.join("")).toBe("abcabcabc");
  });

  it("runs every job when some fail, then rejects with the first failure", async () => {
    const ran: number[] = [];
    const all = jobs({ a: 4, b: 4 });
    const outcome = runByKey(all, (job) => job.key, { inFlight: 2, perKey: 1 }, async (job) => {
      ran.push(job.n);
      if (job.n === 1) throw new Error(`job ${job.key}${job.n} failed`);
    });
    await expect(outcome).rejects.toThrow("job a1 failed");
    expect(ran).toHaveLength(all.length);
  });

  it("treats a job that throws before returning a promise like one that rejects", async () => {
    let ran = 0;
    const outcome = runByKey(jobs({ a: 2 }), (job) => job.key, { inFlight: 1, perKey: 1 }, ((job: Job) => {
      ran++;
      if (job.n === 0) throw new Error("thrown synchronously");
      return Promise.resolve();
    }) as (job: Job) => Promise<void>);
    await expect(outcome).rejects.toThrow("thrown synchronously");
    expect(ran).toBe(2);
  });

  it("resolves at once with no jobs and refuses limits below one", async () => {
    await expect(runByKey([], () => "k", { inFlight: 1, perKey: 1 }, async () => undefined)).resolves.toBeUndefined();
    expect(() => runByKey([], () => "k", { inFlight: 0, perKey: 1 }, async () => undefined)).toThrow(RangeError);
  });
});
