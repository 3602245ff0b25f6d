import { createTask, type ScheduledTask } from "node-cron";
import type { BriefingConfig } from "../../config/config-schema.js";
import { planDigestRun } from "../../digest/index.js";
import type { Store } from "../../store/index.js";
import { digestIdOf } from "../digest-job.js";
import type { Logger } from "../logger.js";

export interface DigestSchedule {
  /** Stops every cron task of this schedule. */
  destroy(): Promise<void>;
}

/**
 * Starts one node-cron task per configured digest; each tick hands `due` the digest and its slot.
 * A digest that never ran is due at once, so a new install shows what it does; after that, a slot
 * missed while the bot was down is made up once, covering everything since the last window.
 */
export async function scheduleDigests(
  config: BriefingConfig,
  deps: { store: Pick<Store, "getDigestMark">; log: Logger; now: () => Date; due: (digestId: string, slot: Date) => void },
): Promise<DigestSchedule> {
  const tasks: ScheduledTask[] = [];
  for (const [index, entry] of config.digests.entries()) {
    const zone = entry.timezone ?? config.timezone;
    const id = digestIdOf(entry, index);
    const mark = await deps.store.getDigestMark(id);
    const plan = planDigestRun({ cron: entry.schedule, timeZone: zone, lastMark: mark, now: deps.now() });
    if (mark === null || plan.due) {
      if (plan.missed) deps.log.info({ job: "digest", missed_slots: plan.missedSlots, since: mark }, "making up a missed digest");
      // Keyed by the latest slot, not by this moment: workers starting together queue the same job.
      deps.due(id, plan.latestSlot ?? deps.now());
    }
    const task = createTask(entry.schedule, (context) => deps.due(id, context.date), { timezone: zone, name: id });
    await task.start();
    tasks.push(task);
  }
  return {
    async destroy() {
      await Promise.all(tasks.map((task) => task.destroy()));
    },
  };
}
