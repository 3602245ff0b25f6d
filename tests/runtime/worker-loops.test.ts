import { afterEach, describe, expect, it, vi } from "vitest";
import { createManualClock, systemClock } from "../../src/domain/clock.js";
import { DeliveryError } from "../../src/outbox/index.js";
import { gatedSender, queueMessages, startWorkerRig, type WorkerEvent, type WorkerRig } from "./worker-rig.js";

const HOUR = 3_600_000;
/** Generous: the machine may be busy; these wait for events, they do not time anything. */
const WAIT = { timeout: 15_000 };
let rigs: WorkerRig[] = [];
afterEach(async () => {
  for (const rig of rigs) await rig.close();
  rigs = [];
});
const track = (rig: WorkerRig) => (rigs.push(rig), rig);
const count = (events: WorkerEvent[], kind: WorkerEvent["kind"]) => events.filter((event) => event.kind === kind).length;
/** Poll cycles as they started and finished: each must finish before the next starts. */
const pollSequence = (events: WorkerEvent[]) => events.flatMap((event) => (event.kind === "poll-started" ? ["start"] : event.kind === "poll-done" ? ["done"] : []));
const alternating = (sequence: string[]) => sequence.map((_, n) => (n % 2 === 0 ? "start" : "done"));

describe("the worker's loops", () => {
  it("polls again while thousands of messages are still draining to a slow platform", async () => {
    const events: WorkerEvent[] = [];
    const slack = gatedSender(events);
    const rig = track(await startWorkerRig({ slack: slack.sender, tickMs: 20 }));
    await queueMessages(rig.app, 3_000, 10, rig.clock.now().toISOString());
    await rig.worker.start();
    await vi.waitFor(() => expect(slack.inFlight()).toBeGreaterThan(0), WAIT);

    // Every source comes due again; the drain is held at the platform and must not hold the poll back.
    rig.clock.advance(HOUR);
    await vi.waitFor(() => expect(count(rig.events, "poll-done")).toBeGreaterThanOrEqual(2), WAIT);
    expect(slack.sent).toHaveLength(0);
    expect(slack.inFlight()).toBeGreaterThan(0);
    const sequence = pollSequence(rig.events);
    expect(sequence).toEqual(alternating(sequence));

    slack.open();
    await vi.waitFor(() => expect(slack.sent.filter((m) => m.target.startsWith("slack:#bulk")).length).toBe(3_000), { timeout: 20_000 });
    await rig.worker.idle();
    // Each message once, and each channel in the order its messages were queued.
    const texts = slack.sent.filter((m) => m.target.startsWith("slack:#bulk")).map((m) => (m.payload.kind === "text" ? m.payload.text : ""));
    expect(new Set(texts).size).toBe(3_000);
    for (let channel = 0; channel < 10; channel++) {
      const numbers = slack.sent.filter((m) => m.target === `slack:#bulk-${channel}`).map((m) => Number((m.payload.kind === "text" ? m.payload.text : "").split(" ")[1]));
      expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    }
  }, 30_000);

  it("posts a due digest while a slow poll cycle is still under way", async () => {
    const rig = track(await startWorkerRig({ tickMs: 20 }));
    await rig.worker.start();
    await rig.worker.idle();
    const printedBefore = count(rig.events, "printed");

    const held = rig.holdPolls();
    rig.clock.advance(HOUR);
    await vi.waitFor(() => expect(count(rig.events, "poll-started")).toBe(2), WAIT);
    // The cron tick of the console digest, as node-cron would fire it.
    await rig.queue.send("digest-slot", { digestId: "daily", slot: rig.clock.now().toISOString() });
    await vi.waitFor(() => expect(count(rig.events, "printed")).toBeGreaterThan(printedBefore), WAIT);
    expect(count(rig.events, "poll-done")).toBe(1);
    held.release();
    await vi.waitFor(() => expect(count(rig.events, "poll-done")).toBeGreaterThanOrEqual(2), WAIT);
    // Ticks kept coming while the cycle was held; none started a second cycle beside it.
    const sequence = pollSequence(rig.events);
    expect(sequence).toEqual(alternating(sequence));
  });

  it("delivers a message queued while idle without waiting for the next tick", async () => {
    const events: WorkerEvent[] = [];
    const slack = gatedSender(events);
    slack.open();
    const rig = track(await startWorkerRig({ slack: slack.sender, tickMs: HOUR }));
    await rig.worker.start();
    await rig.worker.idle();
    const before = slack.sent.length;

    await rig.app.store.enqueue([{ key: "late", target: "slack:#late", group: "late", part: 0, payload: { kind: "text", text: "queued while idle" } }], rig.clock.now().toISOString());
    // The next tick is an hour away: only the enqueue can have woken delivery.
    await vi.waitFor(() => expect(slack.sent.slice(before).map((m) => m.target)).toEqual(["slack:#late"]), WAIT);
    expect(count(rig.events, "poll-started")).toBe(1);
  });

  it("retries a rate-limited message when its Retry-After is over, not at the next tick", async () => {
    const attempts: string[] = [];
    const slack = {
      send: async (message: { target: string }) => {
        attempts.push(message.target);
        if (message.target === "slack:#limited" && attempts.filter((t) => t === "slack:#limited").length === 1) {
          throw new DeliveryError("retry", "ratelimited", { retryAfterMs: 1_000 });
        }
        return { platformMessageId: "1" };
      },
    };
    // Real time here: the relay records when to try again, the worker sleeps until then.
    const clock = { ...systemClock, advance: () => undefined };
    const rig = track(await startWorkerRig({ slack, tickMs: HOUR, clock }));
    await rig.worker.start();
    await rig.app.store.enqueue([{ key: "limited", target: "slack:#limited", group: "limited", part: 0, payload: { kind: "text", text: "x" } }], clock.now().toISOString());
    await vi.waitFor(() => expect(attempts.filter((t) => t === "slack:#limited")).toHaveLength(2), { timeout: 10_000 });
    const [message] = (await rig.app.store.listOutbox(["sent"])).filter((m) => m.target === "slack:#limited");
    expect(message?.attempts).toBe(2);
    expect(count(rig.events, "poll-started")).toBe(1);
  });

  it("stops with a poll and a send in hand: the poll's sources stay due, queued messages stay queued, nothing is marked sent", async () => {
    const events: WorkerEvent[] = [];
    const slack = gatedSender(events);
    const rig = track(await startWorkerRig({ slack: slack.sender, tickMs: 20, clock: createManualClock("2026-01-15T02:00:00.000Z") }));
    await queueMessages(rig.app, 50, 2, rig.clock.now().toISOString());
    await rig.worker.start();
    await vi.waitFor(() => expect(slack.inFlight()).toBeGreaterThan(0), WAIT);
    rig.holdPolls();
    rig.clock.advance(HOUR);
    await vi.waitFor(() => expect(count(rig.events, "poll-started")).toBe(2), WAIT);

    await rig.worker.stop();
    expect(count(rig.events, "poll-done")).toBe(1);
    const outbox = await rig.app.store.listOutbox(["pending", "sent", "failed"]);
    const bulk = outbox.filter((m) => m.target.startsWith("slack:#bulk"));
    expect(bulk.filter((m) => m.status === "sent")).toEqual([]);
    expect(bulk.filter((m) => m.status === "pending")).toHaveLength(50);
    expect((await rig.app.dueSourceIds()).length).toBe(rig.app.config.sources.length);
  });
});
