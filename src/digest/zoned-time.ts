/** A wall-clock time in some zone; `month` is 1–12. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock time an instant (ms since the epoch) shows in `timeZone`. */
export function wallTimeOf(instant: number, timeZone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** The wall time read as if it were UTC: handy for arithmetic on local dates and times. */
export function asUtc(wall: WallTime): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
}

/** How far ahead of UTC the zone's clock is at an instant, in ms (Shanghai: +8 h). */
export function offsetAt(instant: number, timeZone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  return asUtc(wallTimeOf(whole, timeZone)) - whole;
}

/**
 * Every instant at which the zone's clock shows `wall`, earliest first: none in a spring-forward gap,
 * two in a fall-back overlap, one otherwise.
 */
export function instantsOf(wall: WallTime, timeZone: string): number[] {
  const guess = asUtc(wall);
  const offsets = new Set([offsetAt(guess - DAY_MS, timeZone), offsetAt(guess, timeZone), offsetAt(guess + DAY_MS, timeZone)]);
  const found = new Set<number>();
  for (const offset of offsets) {
    const instant = guess - offset;
    if (asUtc(wallTimeOf(instant, timeZone)) === guess) found.add(instant);
  }
  return [...found].sort((a, b) => a - b);
}

/** The smallest and largest offsets the zone uses around a local date (given as its UTC midnight). */
export function offsetRange(dayStart: number, timeZone: string): { min: number; max: number } {
  const offsets = [offsetAt(dayStart - DAY_MS, timeZone), offsetAt(dayStart + DAY_MS / 2, timeZone), offsetAt(dayStart + 2 * DAY_MS, timeZone)];
  return { min: Math.min(...offsets), max: Math.max(...offsets) };
}
