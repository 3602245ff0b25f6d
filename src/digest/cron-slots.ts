import { createTask, parse, type ScheduledTask } from "node-cron";
import { DAY_MS, instantsOf, offsetRange, wallTimeOf, type WallTime } from "./zoned-time.js";

/** How far a search looks: eight years covers "29 February" and "the second Monday of May". */
const MAX_DAYS = 366 * 8 + 2;

/** A cron expression (node-cron syntax, 5 or 6 fields) and the IANA zone its times are read in. */
export interface DigestSchedule {
  cron: string;
  timeZone: string;
}

/** Finds the instants a schedule fires at; holds node-cron tasks (no timers) until disposed. */
export interface SlotFinder {
  /** The latest slot at or before `at`, or null if none within the search horizon. */
  latestAtOrBefore(at: number): number | null;
  /** The earliest slot strictly after `after`, or null if none within the search horizon. */
  nextAfter(after: number): number | null;
  dispose(): void;
}

/**
 * A slot is an instant, on a whole second, at which node-cron's own `task.match(date)` is true in the
 * schedule's zone; that matcher is the authority, so a slot here is a slot to node-cron. Candidates come
 * from the expression's hours, minutes and seconds on each local date; a wall time the zone skips (spring
 * forward) is no slot that day, and one it repeats (fall back) is two, as node-cron would fire.
 */
export function createSlotFinder(schedule: DigestSchedule): SlotFinder {
  const { timeZone } = schedule;
  const fields = parse(schedule.cron);
  const times = timesOfDay(fields.hour, fields.minute, fields.second);
  const task = createTask(schedule.cron, () => undefined, { timezone: timeZone });
  const dayTask = dayOnlyTask(fields, timeZone);
  const fires = (instant: number) => task.match(new Date(instant));
  const dayMatches = (dayStart: number) => {
    if (!dayTask) return true;
    // Any instant of the local date will do; noon exists in every zone on almost every date.
    for (const hour of [12, 6, 18, 0, 23]) {
      const probe = instantsOf(wallAt(dayStart, hour * 3600), timeZone)[0];
      if (probe !== undefined) return dayTask.match(new Date(probe));
    }
    return true;
  };

  return {
    latestAtOrBefore(at) {
      let best: number | null = null;
      let firstHit: number | null = null;
      const start = localDayStart(at, timeZone) + DAY_MS;
      // One more day is searched after the first hit: a zone that falls back over midnight repeats a date.
      for (let k = 0; k < MAX_DAYS && (firstHit === null || k <= firstHit + 1); k += 1) {
        const day = start - k * DAY_MS;
        if (!dayMatches(day)) continue;
        const { min, max } = offsetRange(day, timeZone);
        for (let i = times.length - 1; i >= 0; i -= 1) {
          const wallUtc = day + (times[i] ?? 0) * 1000;
          if (wallUtc - max > at) continue;
          if (best !== null && wallUtc - min <= best) break;
          for (const instant of instantsOf(wallAt(day, times[i] ?? 0), timeZone)) {
            if (instant <= at && (best === null || instant > best) && fires(instant)) best = instant;
          }
        }
        if (best !== null && firstHit === null) firstHit = k;
      }
      return best;
    },
    nextAfter(after) {
      let best: number | null = null;
      let firstHit: number | null = null;
      const start = localDayStart(after, timeZone) - DAY_MS;
      for (let k = 0; k < MAX_DAYS && (firstHit === null || k <= firstHit + 1); k += 1) {
        const day = start + k * DAY_MS;
        if (!dayMatches(day)) continue;
        const { min, max } = offsetRange(day, timeZone);
        for (const seconds of times) {
          const wallUtc = day + seconds * 1000;
          if (wallUtc - min <= after) continue;
          if (best !== null && wallUtc - max >= best) break;
          for (const instant of instantsOf(wallAt(day, seconds), timeZone)) {
            if (instant > after && (best === null || instant < best) && fires(instant)) best = instant;
          }
        }
        if (best !== null && firstHit === null) firstHit = k;
      }
      return best;
    },
    dispose() {
      void task.destroy();
      if (dayTask) void dayTask.destroy();
    },
  };
}

/** Seconds since local midnight at which the expression may fire, ascending. */
function timesOfDay(hours: number[], minutes: number[], seconds: number[]): number[] {
  const times: number[] = [];
  for (const h of [...hours].sort((a, b) => a - b)) {
    for (const m of [...minutes].sort((a, b) => a - b)) {
      for (const s of [...seconds].sort((a, b) => a - b)) times.push(h * 3600 + m * 60 + s);
    }
  }
  return times;
}

/** A task that matches every second of the days the expression fires on, to skip other days cheaply. */
function dayOnlyTask(fields: ReturnType<typeof parse>, timeZone: string): ScheduledTask | null {
  try {
    const expression = `* * * ${fields.dayOfMonth.join(",")} ${fields.month.join(",")} ${fields.dayOfWeek.join(",")}`;
    return createTask(expression, () => undefined, { timezone: timeZone });
  } catch {
    return null;
  }
}

/** The local date containing an instant, as that date's midnight read as UTC. */
function localDayStart(instant: number, timeZone: string): number {
  const wall = wallTimeOf(instant, timeZone);
  return Date.UTC(wall.year, wall.month - 1, wall.day);
}

function wallAt(dayStart: number, secondsOfDay: number): WallTime {
  const date = new Date(dayStart + secondsOfDay * 1000);
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
  };
}

