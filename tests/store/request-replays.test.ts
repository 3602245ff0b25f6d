import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createSqliteStore, openDatabase } from "../../src/store/index.js";

describe("request replays in the store", () => {
  it("lets a key through once across connections, and again once its window has passed", async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), "briefing-replays-")), "briefing.db");
    const first = createSqliteStore(openDatabase(file));
    const second = createSqliteStore(openDatabase(file));
    try {
      const offers = await Promise.all([first.claimRequest("event:Ev1", 1_000, 60_000), second.claimRequest("event:Ev1", 1_000, 60_000)]);
      expect(offers.sort()).toEqual([false, true]);
      expect(await second.claimRequest("event:Ev1", 60_999, 60_000)).toBe(false);
      expect(await second.claimRequest("event:Ev2", 2_000, 60_000)).toBe(true);
      expect(await first.claimRequest("event:Ev1", 61_001, 60_000)).toBe(true);
      expect(await second.claimRequest("event:Ev1", 61_002, 60_000)).toBe(false);
    } finally {
      await first.close();
      await second.close();
    }
  });
});
