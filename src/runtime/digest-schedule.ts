import { createTask } from "node-cron";

const MINUTE = 60_000;
/** How far back to look for a missed slot; a weekly digest needs at least 7 days. */
const LOOKBACK_MS = 35 * 24 * 60 * MINUTE;

/** The latest minute at or before `now` that the cron expression selects in `timeZone`, or null within the lookback. */
export function lastSlotAtOrBefore(expression: string, timeZone: string, now: Date, notBefore: Date | null = null): Date | null {
  const task = createTask(expression, () => undefined, { timezone: timeZone });
  try {
    const floor = Math.max(now.getTime() - LOOKBACK_MS, notBefore?.getTime() ?? 0);
    for (let t = Math.floor(now.getTime() / MINUTE) * MINUTE; t > floor; t -= MINUTE) {
      if (task.match(new Date(t))) return new Date(t);
    }
    return null;
  } finally {
    void task.destroy();
  }
}

/**
 * Whether a digest is due on start: never sent before, or a scheduled slot passed since its last window ended.
 * Several missed slots still mean one digest, covering everything since the mark.
 */
export function isDigestDueOnStart(expression: string, timeZone: string, mark: string | null, now: Date): boolean {
  if (mark === null) return true;
  return lastSlotAtOrBefore(expression, timeZone, now, new Date(mark)) !== null;
}
