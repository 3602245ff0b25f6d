import { describe, expect, it } from "vitest";
import { freshStoreEach, storeEngines } from "../../fakes/store-engines.js";

describe.each(storeEngines)("request replays in the %s store", (engine) => {
  const db = freshStoreEach(engine);

  it("lets a key through once across connections, and again once its window has passed", async () => {
    const { store: first, another } = db();
    const second = await another();
    const offers = await Promise.all([first.claimRequest("event:Ev1", 1_000, 60_000), second.claimRequest("event:Ev1", 1_000, 60_000)]);
    expect(offers.sort()).toEqual([false, true]);
    expect(await second.claimRequest("event:Ev1", 60_999, 60_000)).toBe(false);
    expect(await second.claimRequest("event:Ev2", 2_000, 60_000)).toBe(true);
    expect(await first.claimRequest("event:Ev1", 61_001, 60_000)).toBe(true);
    expect(await second.claimRequest("event:Ev1", 61_002, 60_000)).toBe(false);
  });
});
