import { formatDate } from "./format-date.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * How old a story was when the digest was built: "just now", "25 min ago", "5 h ago", "3 d ago", or its
 * date once older than a month. Measured against `generatedAt`, never the wall clock, so a digest reads
 * the same when it is rendered again. A date in the future (a feed's clock ahead of ours) is "just now".
 */
export function formatAge(publishedAt: string, generatedAt: string, timeZone: string): string {
  const age = Date.parse(generatedAt) - Date.parse(publishedAt);
  if (!Number.isFinite(age)) return "date unknown";
  if (age < MINUTE) return "just now";
  if (age < HOUR) return `${Math.floor(age / MINUTE)} min ago`;
  if (age < 2 * DAY) return `${Math.floor(age / HOUR)} h ago`;
  if (age < 30 * DAY) return `${Math.floor(age / DAY)} d ago`;
  return formatDate(publishedAt, timeZone);
}
