export type { Watch, WatchOwner } from "./watch.js";
export type { WatchStore } from "./watch-store.js";
export { claimsOf, onlyFresh, planAlerts, type AlertClaim, type AlertHit, type AlertPlan, type AlertStoryHit } from "./plan-alerts.js";
export { DEFAULT_ALERT_MAX_AGE_MS, isNews } from "./is-news.js";
