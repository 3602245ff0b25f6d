import { describe, expect, it } from "vitest";
import { storedSeenRequests } from "../../src/runtime/stored-seen-requests.js";

describe("Slack's seen requests in the store", () => {
  it("takes the store's answer: a key another process claimed is a repeat", async () => {
    const asked: string[] = [];
    const seen = storedSeenRequests(() => ({ claimRequest: async (key) => (asked.push(key), key !== "slack:event:Ev1") }));
    expect(await seen.firstTime("event:Ev1", 0)).toBe(false);
    expect(await seen.firstTime("event:Ev2", 0)).toBe(true);
    // A repeat reaching this process again is answered from its own memory.
    expect(await seen.firstTime("event:Ev2", 10)).toBe(false);
    expect(asked).toEqual(["slack:event:Ev1", "slack:event:Ev2"]);
  });

  it("does not hold the ack for a store that cannot answer: judged by this process, and the operator told", async () => {
    const told: unknown[] = [];
    const locked = storedSeenRequests(() => ({ claimRequest: () => new Promise<boolean>(() => undefined) }), { waitMs: 20, onUnanswered: (reason) => told.push(reason) });
    expect(await locked.firstTime("trigger:1", 0)).toBe(true);
    expect(await locked.firstTime("trigger:1", 5)).toBe(false);
    const failing = storedSeenRequests(() => ({ claimRequest: async () => Promise.reject(new Error("disk I/O error")) }), { onUnanswered: (reason) => told.push(reason) });
    expect(await failing.firstTime("trigger:2", 0)).toBe(true);
    expect(told.map((reason) => (reason as Error).message)).toEqual(["the store did not answer within 20 ms", "disk I/O error"]);
  });
});
