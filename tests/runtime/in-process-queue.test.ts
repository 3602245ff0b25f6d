import { describe, expect, it } from "vitest";
import { createInProcessQueue } from "../../src/runtime/jobs/in-process-queue.js";

/** A promise the test resolves, standing for a job that takes as long as the test wants. */
function gate() {
  let open: () => void = () => undefined;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

const errors: string[] = [];
const newQueue = () => createInProcessQueue({ onError: (name, error) => errors.push(`${name}: ${String(error)}`), finishOnStop: ["plan-alerts"] });

describe("the in-process job queue", () => {
  it("runs jobs sent together as one batch, and one waiting job per key", async () => {
    const queue = newQueue();
    const batches: string[][] = [];
    queue.work("poll-source", { batchSize: 100 }, async (jobs) => void batches.push(jobs.map((job) => job.sourceId)));
    // In one turn, as the worker's tick sends every due source.
    await Promise.all(["a", "b", "a", "c"].map((sourceId) => queue.send("poll-source", { sourceId, force: false }, { key: sourceId })));
    await queue.idle();
    expect(batches).toEqual([["a", "b", "c"]]);
  });

  it("never runs two batches of one kind at once, and keeps kinds apart", async () => {
    const queue = newQueue();
    const held = gate();
    const order: string[] = [];
    queue.work("poll-source", { batchSize: 100 }, async (jobs) => {
      order.push(`poll ${jobs[0]!.sourceId} start`);
      if (jobs[0]!.sourceId === "first") await held.promise;
      order.push(`poll ${jobs[0]!.sourceId} done`);
    });
    queue.work("deliver", { batchSize: 100 }, async () => void order.push("deliver"));
    await queue.send("poll-source", { sourceId: "first", force: false });
    await new Promise((resolve) => setTimeout(resolve, 0));
    await queue.send("poll-source", { sourceId: "second", force: false });
    await queue.send("deliver", { target: "*" });
    await queue.idle(["deliver"]);
    expect(order).toEqual(["poll first start", "deliver"]);
    held.open();
    await queue.idle();
    expect(order).toEqual(["poll first start", "deliver", "poll first done", "poll second start", "poll second done"]);
  });

  it("runs a task between batches of the kinds it holds, while other kinds go on", async () => {
    const queue = newQueue();
    const held = gate();
    const order: string[] = [];
    queue.work("digest-slot", { batchSize: 1 }, async ([job]) => {
      order.push(`digest ${job!.digestId}`);
      if (job!.digestId === "a") await held.promise;
    });
    queue.work("deliver", { batchSize: 100 }, async () => void order.push("deliver"));
    await queue.send("digest-slot", { digestId: "a", slot: "s" });
    await new Promise((resolve) => setTimeout(resolve, 0));
    const between = queue.between(["digest-slot"], async () => void order.push("reload"));
    await queue.send("digest-slot", { digestId: "b", slot: "s" });
    await queue.send("deliver", { target: "*" });
    await queue.idle(["deliver"]);
    held.open();
    await between;
    await queue.idle();
    expect(order).toEqual(["digest a", "deliver", "reload", "digest b"]);
  });

  it("stops within its grace: aborts the batch in hand, leaves waiting jobs, still plans the alerts it was given", async () => {
    const queue = newQueue();
    const seen: string[] = [];
    queue.work("poll-source", { batchSize: 100 }, async (_jobs, signal) => {
      await new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve()));
      await queue.send("plan-alerts", { items: [] });
      seen.push("poll cut short");
    });
    queue.work("plan-alerts", { batchSize: 1 }, async () => void seen.push("alerts planned"));
    queue.work("deliver", { batchSize: 100 }, async () => {
      seen.push("delivered");
      await new Promise(() => undefined);
    });
    await queue.send("poll-source", { sourceId: "a", force: false });
    await queue.send("deliver", { target: "*" });
    await new Promise((resolve) => setTimeout(resolve, 0));
    await queue.send("deliver", { target: "late" });
    const { unfinished } = await queue.stop(200);
    expect(seen.sort()).toEqual(["alerts planned", "delivered", "poll cut short"]);
    // The send that never returns is left behind, not waited for; the waiting deliver job never ran.
    expect(unfinished).toEqual(["deliver"]);
    expect(errors).toEqual([]);
  });
});
