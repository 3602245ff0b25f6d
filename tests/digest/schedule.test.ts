import { getTasks } from "node-cron";
import { describe, expect, it } from "vitest";
import { latestSlotAtOrBefore, nextSlotAfter, planDigestRun } from "../../src/digest/index.js";
import { createManualClock } from "../../src/domain/clock.js";

const WEEKDAYS_9 = "0 9 * * 1-5";
const iso = (date: Date | null) => date?.toISOString() ?? null;

describe("slots in the digest's own time zone, across DST changes", () => {
  it.each([
    // Asia/Shanghai has no DST: 09:00 is always 01:00 UTC, whatever New York or Berlin do.
    ["Shanghai Friday to Monday", WEEKDAYS_9, "Asia/Shanghai", "2026-01-16T01:00:00Z", "2026-01-19T01:00:00.000Z"],
    ["Shanghai over the US spring change", WEEKDAYS_9, "Asia/Shanghai", "2026-03-06T02:00:00Z", "2026-03-09T01:00:00.000Z"],
    ["Shanghai over the EU autumn change", WEEKDAYS_9, "Asia/Shanghai", "2026-10-23T02:00:00Z", "2026-10-26T01:00:00.000Z"],
    ["New York 09:00 EST then 09:00 EDT", "0 9 * * *", "America/New_York", "2026-03-07T14:00:00Z", "2026-03-08T13:00:00.000Z"],
    ["New York 09:00 EDT then 09:00 EST", "0 9 * * *", "America/New_York", "2026-10-31T13:00:00Z", "2026-11-01T14:00:00.000Z"],
    ["New York 02:30 does not exist on the spring day", "30 2 * * *", "America/New_York", "2026-03-07T08:00:00Z", "2026-03-09T06:30:00.000Z"],
    ["New York 01:30 EDT on the autumn day", "30 1 * * *", "America/New_York", "2026-10-31T12:00:00Z", "2026-11-01T05:30:00.000Z"],
    ["New York 01:30 comes again as EST", "30 1 * * *", "America/New_York", "2026-11-01T05:30:00Z", "2026-11-01T06:30:00.000Z"],
    ["Berlin weekdays over the spring change", WEEKDAYS_9, "Europe/Berlin", "2026-03-27T08:00:00Z", "2026-03-30T07:00:00.000Z"],
    ["Berlin weekdays over the autumn change", WEEKDAYS_9, "Europe/Berlin", "2026-10-23T07:00:00Z", "2026-10-26T08:00:00.000Z"],
    ["Berlin 02:30 skipped in spring", "30 2 * * *", "Europe/Berlin", "2026-03-28T02:00:00Z", "2026-03-30T00:30:00.000Z"],
    ["six fields: every 15 s", "*/15 * * * * *", "UTC", "2026-01-01T00:00:07Z", "2026-01-01T00:00:15.000Z"],
    ["the last day of the month", "0 18 L * *", "Asia/Shanghai", "2026-02-01T00:00:00Z", "2026-02-28T10:00:00.000Z"],
  ])("next after: %s", (_name, cron, timeZone, after, expected) => {
    expect(iso(nextSlotAfter({ cron, timeZone }, new Date(after)))).toBe(expected);
  });

  it.each([
    ["a Sunday looks back to Friday", WEEKDAYS_9, "Asia/Shanghai", "2026-01-18T12:00:00Z", "2026-01-16T01:00:00.000Z"],
    ["a slot is at or before itself", WEEKDAYS_9, "Asia/Shanghai", "2026-01-16T01:00:00Z", "2026-01-16T01:00:00.000Z"],
    ["a millisecond before looks back a day", WEEKDAYS_9, "Asia/Shanghai", "2026-01-16T00:59:59.999Z", "2026-01-15T01:00:00.000Z"],
    ["Berlin Monday after the change, before 09:00 CEST", WEEKDAYS_9, "Europe/Berlin", "2026-03-30T06:59:59Z", "2026-03-27T08:00:00.000Z"],
    ["New York inside the repeated hour", "30 1 * * *", "America/New_York", "2026-11-01T06:45:00Z", "2026-11-01T06:30:00.000Z"],
  ])("latest at or before: %s", (_name, cron, timeZone, at, expected) => {
    expect(iso(latestSlotAtOrBefore({ cron, timeZone }, new Date(at)))).toBe(expected);
  });

  it("leaves no node-cron task behind", () => {
    const before = getTasks().size;
    planDigestRun({ cron: WEEKDAYS_9, timeZone: "Asia/Shanghai", lastMark: "2026-01-12T01:00:00Z", now: new Date("2026-01-15T07:00:00Z") });
    nextSlotAfter({ cron: WEEKDAYS_9, timeZone: "Europe/Berlin" }, new Date("2026-01-15T07:00:00Z"));
    expect(getTasks().size).toBe(before);
  });
});

describe("planDigestRun", () => {
  const plan = (lastMark: string | null, now: string, cron = WEEKDAYS_9, timeZone = "Asia/Shanghai") => {
    const result = planDigestRun({ cron, timeZone, lastMark, now: new Date(now) });
    return { ...result, latestSlot: iso(result.latestSlot), firstMissedSlot: iso(result.firstMissedSlot), nextSlot: iso(result.nextSlot) };
  };

  it.each([
    {
      name: "down Tuesday to Thursday: one make-up run on start, covering three slots",
      lastMark: "2026-01-12T01:00:03Z",
      now: "2026-01-15T07:00:00Z",
      expected: { due: true, missed: true, missedSlots: 3, firstMissedSlot: "2026-01-13T01:00:00.000Z", latestSlot: "2026-01-15T01:00:00.000Z", nextSlot: "2026-01-16T01:00:00.000Z" },
    },
    {
      name: "restart in the middle of a window: today's digest already went out",
      lastMark: "2026-01-15T01:00:02Z",
      now: "2026-01-15T07:00:00Z",
      expected: { due: false, missed: false, missedSlots: 0, firstMissedSlot: null, latestSlot: "2026-01-15T01:00:00.000Z", nextSlot: "2026-01-16T01:00:00.000Z" },
    },
    {
      name: "the timer fires on time: due, nothing missed",
      lastMark: "2026-01-14T01:00:01Z",
      now: "2026-01-15T01:00:00.200Z",
      expected: { due: true, missed: false, missedSlots: 1, firstMissedSlot: "2026-01-15T01:00:00.000Z" },
    },
    {
      name: "down over a weekend only: no weekday slot was missed",
      lastMark: "2026-01-16T01:00:05Z",
      now: "2026-01-18T12:00:00Z",
      expected: { due: false, missed: false, missedSlots: 0, nextSlot: "2026-01-19T01:00:00.000Z" },
    },
    {
      name: "first start ever: wait for the first slot",
      lastMark: null,
      now: "2026-01-15T07:00:00Z",
      expected: { due: false, missed: false, missedSlots: 0, nextSlot: "2026-01-16T01:00:00.000Z" },
    },
    {
      name: "a mark ahead of now (a clock set back) is not a reason to run",
      lastMark: "2026-01-20T01:00:00Z",
      now: "2026-01-15T07:00:00Z",
      expected: { due: false, missed: false, missedSlots: 0 },
    },
  ])("$name", ({ lastMark, now, expected }) => {
    expect(plan(lastMark, now)).toMatchObject(expected);
  });

  it("counts a slot missed across the New York spring change once", () => {
    expect(plan("2026-03-07T14:00:05Z", "2026-03-08T13:30:00Z", "0 9 * * *", "America/New_York")).toMatchObject({
      due: true,
      missed: true,
      missedSlots: 1,
      firstMissedSlot: "2026-03-08T13:00:00.000Z",
      nextSlot: "2026-03-09T13:00:00.000Z",
    });
  });

  it("caps the count of missed slots", () => {
    expect(plan("2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", "* * * * *", "UTC")).toMatchObject({ due: true, missedSlots: 100 });
  });
});

describe("a worker driven by planDigestRun over two weeks with an outage", () => {
  /**
   * The loop a runtime runs: on start and at every wake-up, plan; run if due (the mark moves to now);
   * sleep until the next slot. The bot is down from Tuesday 08:00 to Thursday 15:00 (Shanghai).
   */
  it("posts once per weekday, makes up the outage once, and its windows cover all time without overlap", () => {
    const clock = createManualClock("2026-01-12T00:30:00Z");
    const outage = { from: Date.parse("2026-01-13T00:00:00Z"), to: Date.parse("2026-01-15T07:00:00Z") };
    const end = Date.parse("2026-01-24T00:00:00Z");
    let mark: string | null = "2026-01-09T01:00:00.000Z";
    const windows: Array<{ since: string; until: string }> = [];

    let wake = clock.now().getTime();
    while (wake < end) {
      if (wake >= outage.from && wake < outage.to) wake = outage.to; // the process is down; it starts again here
      clock.set(new Date(wake));
      const now = clock.now();
      const step = planDigestRun({ cron: WEEKDAYS_9, timeZone: "Asia/Shanghai", lastMark: mark, now });
      if (step.due && mark !== null) {
        windows.push({ since: mark, until: now.toISOString() });
        mark = now.toISOString();
      }
      wake = step.nextSlot?.getTime() ?? end;
    }

    expect(windows.map((w) => w.until)).toEqual([
      "2026-01-12T01:00:00.000Z", // Monday
      "2026-01-15T07:00:00.000Z", // Thursday 15:00: the make-up run for Tuesday to Thursday, once
      "2026-01-16T01:00:00.000Z", // Friday
      "2026-01-19T01:00:00.000Z",
      "2026-01-20T01:00:00.000Z",
      "2026-01-21T01:00:00.000Z",
      "2026-01-22T01:00:00.000Z",
      "2026-01-23T01:00:00.000Z",
    ]);
    windows.slice(1).forEach((window, index) => expect(window.since).toBe(windows[index]?.until));
    expect(windows[0]?.since).toBe("2026-01-09T01:00:00.000Z");
  });
});
