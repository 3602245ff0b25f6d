import { describe, expect, it } from "vitest";
import { freshStoreEach, storeEngines } from "../../fakes/store-engines.js";
import { message } from "./store-fixtures.js";

const nine = "2026-01-14T09:00:00.000Z";
const ten = "2026-01-14T10:00:00.000Z";

describe.each(storeEngines)("digest marks in the %s store", (engine) => {
  const db = freshStoreEach(engine);

  it("commits a digest's messages and its window mark together", async () => {
    const { store } = db();
    expect(await store.getDigestMark("daily")).toBeNull();
    expect(await store.commitDigest({ digestId: "daily", since: null, windowEnd: nine, messages: [message("d", 0), message("d", 1)], now: nine })).toBe(2);
    expect(await store.getDigestMark("daily")).toBe(nine);
    expect(await store.commitDigest({ digestId: "daily", since: nine, windowEnd: ten, messages: [message("e", 0)], now: ten })).toBe(1);
    expect(await store.getDigestMark("daily")).toBe(ten);
    expect((await store.listOutbox(["pending"])).map((m) => m.key)).toEqual(["d:0", "d:1", "e:0"]);
  });

  it("moves an empty digest's mark too", async () => {
    const { store } = db();
    expect(await store.commitDigest({ digestId: "daily", since: null, windowEnd: nine, messages: [], now: nine })).toBe(0);
    expect(await store.getDigestMark("daily")).toBe(nine);
  });

  it.each([
    ["a first slot", null],
    ["a later slot", nine],
  ])("posts %s once when two workers commit it from the same mark", async (_case, since) => {
    const { store, another } = db();
    if (since) await store.commitDigest({ digestId: "daily", since: null, windowEnd: since, messages: [], now: since });
    const other = await another();
    const slot = (worker: string) => ({ digestId: "daily", since, windowEnd: ten, messages: [message(`slot-${worker}`, 0, "slack:#news")], now: ten });
    const added = await Promise.all([store.commitDigest(slot("a")), other.commitDigest(slot("b"))]);
    expect(added.sort()).toEqual([0, 1]);
    expect(await store.listOutbox(["pending"])).toHaveLength(1);
    expect(await store.getDigestMark("daily")).toBe(ten);
  });

  it("enqueues nothing and keeps the mark when the mark moved since the window was built", async () => {
    const { store } = db();
    await store.commitDigest({ digestId: "daily", since: null, windowEnd: ten, messages: [], now: ten });
    expect(await store.commitDigest({ digestId: "daily", since: nine, windowEnd: "2026-01-14T11:00:00.000Z", messages: [message("late", 0)], now: ten })).toBe(0);
    expect(await store.commitDigest({ digestId: "daily", since: null, windowEnd: "2026-01-14T11:00:00.000Z", messages: [message("late", 0)], now: ten })).toBe(0);
    expect(await store.getDigestMark("daily")).toBe(ten);
    expect(await store.listOutbox(["pending"])).toEqual([]);
  });

  it("keeps each digest's mark apart", async () => {
    const { store } = db();
    await store.commitDigest({ digestId: "a", since: null, windowEnd: nine, messages: [], now: nine });
    expect(await store.commitDigest({ digestId: "b", since: null, windowEnd: ten, messages: [message("b", 0)], now: ten })).toBe(1);
    expect([await store.getDigestMark("a"), await store.getDigestMark("b")]).toEqual([nine, ten]);
  });
});
