import { createSlotFinder, type DigestSchedule } from "./cron-slots.js";

const DAY_MS = 86_400_000;

/**
 * One period of a schedule at `now`: the gap between the last two slots (24 h for a daily digest, 72 h
 * on a Monday for a weekday one); a day when the schedule has too few slots to tell.
 */
export function schedulePeriodMs(schedule: DigestSchedule, now: Date): number {
  const finder = createSlotFinder(schedule);
  try {
    const latest = finder.latestAtOrBefore(now.getTime());
    if (latest === null) return DAY_MS;
    const before = finder.latestAtOrBefore(latest - 1);
    if (before !== null) return latest - before;
    const next = finder.nextAfter(latest);
    return next === null ? DAY_MS : next - latest;
  } finally {
    finder.dispose();
  }
}

/**
 * The oldest publication date a digest built at `now` takes, ISO; null for no limit. The window runs
 * from the last digest, or, on a first run, from `lookBack` ago: so a first digest (or a feed added
 * later) never brings years of a feed's history, while a digest made up after downtime keeps what was
 * published since the last one.
 */
export function publishedAfter(input: { since: string | null; now: Date; lookBack: number | "all" | undefined; schedule: DigestSchedule }): string | null {
  if (input.lookBack === "all") return null;
  const lookBackMs = input.lookBack ?? schedulePeriodMs(input.schedule, input.now);
  const byLookBack = input.now.getTime() - lookBackMs;
  const since = input.since === null ? Number.NaN : Date.parse(input.since);
  return new Date(Number.isFinite(since) ? Math.min(since, byLookBack) : byLookBack).toISOString();
}
