import { describe, expect, it } from "vitest";
import { formatAge } from "../../src/render/format-age.js";
import { formatDay, formatDayTime } from "../../src/render/format-date.js";

const GENERATED = "2026-01-15T01:00:00.000Z";

describe("formatAge, against the digest's own time", () => {
  it.each([
    ["2026-01-15T00:59:30.000Z", "just now"],
    ["2026-01-15T02:00:00.000Z", "just now"],
    ["2026-01-15T00:35:00.000Z", "25 min ago"],
    ["2026-01-14T08:30:00.000Z", "16 h ago"],
    ["2026-01-13T02:00:00.000Z", "47 h ago"],
    ["2026-01-12T09:00:00.000Z", "2 d ago"],
    ["2025-12-20T00:00:00.000Z", "26 d ago"],
    ["2023-04-11T09:00:00.000Z", "11 Apr 2023"],
    ["not a date", "date unknown"],
  ])("%s is %s", (publishedAt, expected) => {
    expect(formatAge(publishedAt, GENERATED, "Asia/Shanghai")).toBe(expected);
  });
});

describe("dates in the digest's zone", () => {
  it.each([
    ["Asia/Shanghai", "Thu 15 Jan 2026", "Thu 15 Jan 2026, 09:00"],
    ["America/New_York", "Wed 14 Jan 2026", "Wed 14 Jan 2026, 20:00"],
    ["Europe/Berlin", "Thu 15 Jan 2026", "Thu 15 Jan 2026, 02:00"],
  ])("%s", (zone, day, dayTime) => {
    expect(formatDay(GENERATED, zone)).toBe(day);
    expect(formatDayTime(GENERATED, zone)).toBe(dayTime);
  });
});
