export { buildDigest, type DigestInput } from "./build-digest.js";
export { latestSlotAtOrBefore, nextSlotAfter, planDigestRun, type DigestRunPlan, type DigestSchedule, type PlanInput } from "./schedule.js";
