import { describe, expect, it } from "vitest";
import { createSeenRequests, requestKey } from "../../../src/platforms/slack/http/seen-requests.js";

describe("seen requests", () => {
  it("lets a key through once within the window, and again after it", () => {
    const seen = createSeenRequests(1000);
    expect([seen.firstTime("a", 0), seen.firstTime("a", 500), seen.firstTime("b", 600), seen.firstTime("a", 1600)]).toEqual([true, false, true, true]);
  });

  it("forgets the oldest keys beyond its capacity", () => {
    const seen = createSeenRequests(60_000, 2);
    for (const key of ["a", "b", "c"]) seen.firstTime(key, 0);
    expect(seen.firstTime("a", 1)).toBe(true);
    expect(seen.firstTime("c", 1)).toBe(false);
  });

  it.each([
    ['{"event_id":"Ev1","type":"event_callback"}', "application/json", "event:Ev1"],
    ["command=%2Fbrief&trigger_id=123.456", "application/x-www-form-urlencoded", "trigger:123.456"],
    [`payload=${encodeURIComponent('{"trigger_id":"789"}')}`, "application/x-www-form-urlencoded", "trigger:789"],
  ])("keys %s by its id", (body, type, key) => {
    expect(requestKey(Buffer.from(body), type)).toBe(key);
  });

  it("keys anything else by its bytes", () => {
    expect(requestKey(Buffer.from("x=1"), "application/x-www-form-urlencoded")).toMatch(/^body:[0-9a-f]{64}$/);
  });
});
