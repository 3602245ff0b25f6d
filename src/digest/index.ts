export { buildDigest, outletName, type DigestInput } from "./build-digest.js";
export { publishedAfter, schedulePeriodMs } from "./look-back.js";
export { latestSlotAtOrBefore, nextSlotAfter, planDigestRun, type DigestRunPlan, type DigestSchedule, type PlanInput } from "./schedule.js";
