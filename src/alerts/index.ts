export type { Watch, WatchOwner } from "./watch.js";
export type { WatchStore } from "./watch-store.js";
export { planAlerts, type AlertHit, type AlertPlan } from "./plan-alerts.js";
