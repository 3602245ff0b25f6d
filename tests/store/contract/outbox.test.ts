import { describe, expect, it } from "vitest";
import { freshStoreEach, storeEngines } from "../../fakes/store-engines.js";
import { message } from "./store-fixtures.js";

const at = "2026-01-14T09:00:00.000Z";
const later = "2026-01-14T09:00:01.000Z";
const hold = "2026-01-14T09:02:00.000Z";

describe.each(storeEngines)("the outbox in the %s store", (engine) => {
  const db = freshStoreEach(engine);

  it("never enqueues the same outbox key twice", async () => {
    const { store } = db();
    expect(await store.enqueue([message("g", 0), message("g", 1)], at)).toBe(2);
    expect(await store.enqueue([message("g", 0)], at)).toBe(0);
    expect(await store.enqueue([], at)).toBe(0);
  });

  it("gives a message back as written, with what the store filled in", async () => {
    const { store } = db();
    const slack = { kind: "slack" as const, text: "fallback", blocks: [{ type: "section", text: { type: "mrkdwn", text: "*hi*" } }], unfurl_links: false as const, unfurl_media: false as const };
    await store.enqueue([{ key: "k", target: "slack:#news", group: "g", part: 3, payload: slack }], at);
    const [queued] = await store.due(at, 10);
    expect(queued).toEqual({
      id: expect.any(Number), key: "k", target: "slack:#news", group: "g", part: 3, payload: slack, status: "pending", attempts: 0,
      nextAttemptAt: at, createdAt: at, sentAt: null, platformMessageId: null, lastError: null,
    });
    await store.markSent(queued!.id, later, "m-1");
    expect(await store.listOutbox(["sent"])).toEqual([{ ...queued, status: "sent", sentAt: later, platformMessageId: "m-1" }]);
  });

  it("keeps each target's order: a later message waits while an earlier one is pending", async () => {
    const { store } = db();
    await store.enqueue([message("g", 0), message("g", 1), message("h", 0)], at);
    const first = await store.due(later, 10);
    expect(first.map((m) => m.key)).toEqual(["g:0", "h:0"]);
    await store.markSent(first[0]!.id, later, "m-1");
    expect((await store.due(later, 10)).map((m) => m.key)).toEqual(["g:1", "h:0"]);
    await store.markRetry(first[1]!.id, "2026-01-14T10:00:00.000Z", "429");
    await store.enqueue([message("h", 1)], later);
    expect((await store.due(later, 10)).map((m) => m.key)).toEqual(["g:1"]);
    expect(await store.listOutbox(["pending"])).toContainEqual(expect.objectContaining({ key: "h:0", lastError: "429", nextAttemptAt: "2026-01-14T10:00:00.000Z" }));
  });

  it("gives only the asked targets' messages, and no more than the limit", async () => {
    const { store } = db();
    await store.enqueue([message("a", 0), message("b", 0), message("c", 0)], at);
    expect((await store.due(at, 10, ["slack:#b", "slack:#c"])).map((m) => m.key)).toEqual(["b:0", "c:0"]);
    expect((await store.due(at, 2)).map((m) => m.key)).toEqual(["a:0", "b:0"]);
    expect(await store.due(at, 10, [])).toEqual([]);
  });

  it("tells when each target's next message may be tried, soonest first", async () => {
    const { store } = db();
    await store.enqueue([message("a", 0), message("a", 1), message("b", 0)], at);
    const [a] = await store.due(at, 1);
    await store.markRetry(a!.id, "2026-01-14T09:30:00.000Z", "503");
    expect(await store.nextAttempts(10)).toEqual([{ target: "slack:#b", at }, { target: "slack:#a", at: "2026-01-14T09:30:00.000Z" }]);
    expect(await store.nextAttempts(1)).toEqual([{ target: "slack:#b", at }]);
  });

  it("pauses a target once and requeues a failed message", async () => {
    const { store } = db();
    expect(await store.pauseTarget("slack:#gone", "channel_not_found", at)).toBe(true);
    expect(await store.pauseTarget("slack:#gone", "channel_not_found", "2026-01-14T09:01:00.000Z")).toBe(false);
    expect(await store.pausedTargets()).toEqual([{ target: "slack:#gone", reason: "channel_not_found", pausedAt: at }]);
    await store.enqueue([message("g", 0)], at);
    const [queued] = await store.due(at, 1);
    await store.markFailed(queued!.id, "channel_not_found");
    expect(await store.due(at, 1)).toEqual([]);
    expect((await store.listOutbox(["failed"])).map((m) => [m.key, m.lastError])).toEqual([["g:0", "channel_not_found"]]);
    expect(await store.requeue(queued!.id, "2026-01-14T09:05:00.000Z")).toBe(true);
    expect(await store.requeue(queued!.id, "2026-01-14T09:05:00.000Z")).toBe(false);
    expect((await store.due("2026-01-14T09:05:00.000Z", 1)).map((m) => m.key)).toEqual(["g:0"]);
    await store.resumeTarget("slack:#gone");
    expect(await store.pausedTargets()).toEqual([]);
  });

  it("lets one of two relays that were given the same message begin it", async () => {
    const { store, another } = db();
    const other = await another();
    await store.enqueue([message("g", 0)], at);
    const [mine] = await store.due(at, 1);
    const [theirs] = await other.due(at, 1);
    const begun = await Promise.all([store.beginAttempt(mine!, hold), other.beginAttempt(theirs!, hold)]);
    expect(begun.sort()).toEqual([false, true]);
    expect((await store.listOutbox(["pending"]))[0]?.attempts).toBe(1);
    // A message no longer pending cannot be begun.
    await store.markSent(mine!.id, later, "m-1");
    expect(await store.beginAttempt({ id: mine!.id, attempts: 1 }, hold)).toBe(false);
  });

  it("counts each attempt, so a message begun and never finished is known to be in doubt", async () => {
    const { store } = db();
    await store.enqueue([message("g", 0)], at);
    const [first] = await store.due(at, 1);
    expect(await store.beginAttempt(first!, hold)).toBe(true);
    await store.markRetry(first!.id, later, "timeout");
    const [again] = await store.due(later, 1);
    expect(again).toMatchObject({ key: "g:0", attempts: 1 });
    expect(await store.beginAttempt(first!, hold)).toBe(false);
    expect(await store.beginAttempt(again!, hold)).toBe(true);
  });

  it(engine === "sqlite" ? "does not hold a begun message (one worker delivers a file)" : "holds a begun message from other relays until its hold ends", async () => {
    const { store } = db();
    await store.enqueue([message("g", 0), message("g", 1)], at);
    const [first] = await store.due(at, 1);
    await store.beginAttempt(first!, hold);
    const dueMeanwhile = (await store.due(later, 10)).map((m) => m.key);
    expect(dueMeanwhile).toEqual(engine === "sqlite" ? ["g:0"] : []);
    // After a crash mid-send it comes due again (in doubt), and still ahead of its target's next message.
    expect(await store.due(hold, 10)).toEqual([expect.objectContaining({ key: "g:0", attempts: 1 })]);
  });

  it("lists messages by status, oldest first", async () => {
    const { store } = db();
    await store.enqueue([message("a", 0), message("b", 0), message("c", 0)], at);
    const [a, b] = await store.due(at, 2);
    await store.markSent(a!.id, at, null);
    await store.markFailed(b!.id, "gone");
    expect((await store.listOutbox(["pending", "failed"])).map((m) => m.key)).toEqual(["b:0", "c:0"]);
    expect((await store.listOutbox(["sent"])).map((m) => [m.key, m.platformMessageId])).toEqual([["a:0", null]]);
    expect(await store.listOutbox([])).toEqual([]);
  });
});
