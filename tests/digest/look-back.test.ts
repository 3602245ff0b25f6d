import { describe, expect, it } from "vitest";
import { publishedAfter, schedulePeriodMs } from "../../src/digest/index.js";

const HOUR = 3_600_000;
const weekdays = { cron: "0 9 * * 1-5", timeZone: "Asia/Shanghai" };

describe("schedulePeriodMs", () => {
  it.each([
    ["a daily digest", { cron: "0 9 * * *", timeZone: "Europe/London" }, "2026-12-04T10:00:00Z", 24 * HOUR],
    ["a weekday digest on a Monday", weekdays, "2026-12-07T02:00:00Z", 72 * HOUR],
    ["a weekday digest on a Wednesday", weekdays, "2026-12-09T02:00:00Z", 24 * HOUR],
    ["a digest twice a day", { cron: "0 8,18 * * *", timeZone: "UTC" }, "2026-12-04T19:00:00Z", 10 * HOUR],
  ])("is one period of %s", (_name, schedule, now, period) => {
    expect(schedulePeriodMs(schedule, new Date(now))).toBe(period);
  });
});

describe("publishedAfter", () => {
  const now = new Date("2026-12-04T01:00:00Z");
  it.each([
    ["a first run: one schedule period back", null, undefined, "2026-12-03T01:00:00.000Z"],
    ["a first run with look_back", null, 7 * 24 * HOUR, "2026-11-27T01:00:00.000Z"],
    ["a first run with look_back: all", null, "all" as const, null],
    ["a run after downtime: back to the last digest", "2026-11-30T01:00:00.000Z", undefined, "2026-11-30T01:00:00.000Z"],
    ["a run a day after the last: the look-back, which reaches as far", "2026-12-03T01:00:00.000Z", undefined, "2026-12-03T01:00:00.000Z"],
  ])("%s", (_name, since, lookBack, expected) => {
    expect(publishedAfter({ since, now, lookBack, schedule: { cron: "0 9 * * *", timeZone: "Asia/Shanghai" } })).toBe(expected);
  });
});
