import { createSlotFinder, type DigestSchedule, type SlotFinder } from "./cron-slots.js";

export type { DigestSchedule } from "./cron-slots.js";

/** Missed slots are counted up to this many; past it the count only says "at least". */
export const MISSED_COUNT_CAP = 100;
/** A slot reached this late or later counts as missed rather than just reached. */
export const DEFAULT_GRACE_MS = 60_000;

/** What a digest's schedule says to do at `now`. Pure: no timers, no clock but the one passed in. */
export interface DigestRunPlan {
  /** The most recent slot at or before now; null if the schedule never fired in the search horizon. */
  latestSlot: Date | null;
  /**
   * Run the digest now, once: a slot passed after the last mark. At start-up this is the make-up run for
   * a bot that was down; a window from the mark to now covers every slot it missed, so it runs once.
   */
  due: boolean;
  /** Due, and not because a slot was just reached: more than one slot was missed, or the latest is stale. */
  missed: boolean;
  /** Slots in (lastMark, now] that no run covered, at most `MISSED_COUNT_CAP`; 0 when not due. */
  missedSlots: number;
  /** The first of those slots, for the log line; null when not due. */
  firstMissedSlot: Date | null;
  /** When to wake next: the first slot strictly after now. */
  nextSlot: Date | null;
}

export interface PlanInput extends DigestSchedule {
  /** End of the window the digest last covered (ISO), or null if it never ran: a first run waits for a slot. */
  lastMark: string | null;
  now: Date;
  graceMs?: number;
}

/** Decides whether a digest should run now and when it should run next. */
export function planDigestRun(input: PlanInput): DigestRunPlan {
  return withFinder(input, (finder) => {
    const now = input.now.getTime();
    const latest = finder.latestAtOrBefore(now);
    const next = finder.nextAfter(now);
    const mark = input.lastMark === null ? Number.NaN : Date.parse(input.lastMark);
    const due = latest !== null && Number.isFinite(mark) && latest > mark;
    let missedSlots = 0;
    let firstMissed: number | null = null;
    if (due) {
      firstMissed = finder.nextAfter(mark);
      for (let slot = firstMissed; slot !== null && slot <= now && missedSlots < MISSED_COUNT_CAP; slot = finder.nextAfter(slot)) {
        missedSlots += 1;
      }
    }
    const stale = latest !== null && now - latest >= (input.graceMs ?? DEFAULT_GRACE_MS);
    return {
      latestSlot: toDate(latest),
      due,
      missed: due && (missedSlots > 1 || stale),
      missedSlots,
      firstMissedSlot: toDate(firstMissed),
      nextSlot: toDate(next),
    };
  });
}

/** The most recent slot at or before `at`. */
export function latestSlotAtOrBefore(schedule: DigestSchedule, at: Date): Date | null {
  return withFinder(schedule, (finder) => toDate(finder.latestAtOrBefore(at.getTime())));
}

/** The first slot strictly after `after`. */
export function nextSlotAfter(schedule: DigestSchedule, after: Date): Date | null {
  return withFinder(schedule, (finder) => toDate(finder.nextAfter(after.getTime())));
}

function withFinder<T>(schedule: DigestSchedule, use: (finder: SlotFinder) => T): T {
  const finder = createSlotFinder(schedule);
  try {
    return use(finder);
  } finally {
    finder.dispose();
  }
}

function toDate(instant: number | null): Date | null {
  return instant === null ? null : new Date(instant);
}
