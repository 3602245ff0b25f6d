const formatters = new Map<string, Intl.DateTimeFormat>();

/** Wall-clock parts of an instant in a zone, from one cached formatter per zone. */
function partsIn(iso: string, timeZone: string): Record<string, string> {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      weekday: "short",
      day: "numeric",
      month: "short",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(timeZone, formatter);
  }
  const parts: Record<string, string> = {};
  for (const part of formatter.formatToParts(new Date(iso))) parts[part.type] = part.value;
  return parts;
}

/** "Thu 15 Jan 2026": the digest's date in its own zone. Assembled from parts so ICU updates keep it stable. */
export function formatDay(iso: string, timeZone: string): string {
  const p = partsIn(iso, timeZone);
  return `${p.weekday} ${p.day} ${p.month} ${p.year}`;
}

/** "15 Jan 2026" */
export function formatDate(iso: string, timeZone: string): string {
  const p = partsIn(iso, timeZone);
  return `${p.day} ${p.month} ${p.year}`;
}

/** "Wed 14 Jan 2026, 09:00" */
export function formatDayTime(iso: string, timeZone: string): string {
  const p = partsIn(iso, timeZone);
  return `${p.weekday} ${p.day} ${p.month} ${p.year}, ${p.hour}:${p.minute}`;
}
