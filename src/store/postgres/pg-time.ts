/** A TIMESTAMPTZ as the ports give times out: ISO-8601 in `toISOString()` form. */
export function isoTime(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

/** The same for a column that may be NULL. */
export function isoTimeOrNull(value: Date | string | null): string | null {
  return value === null ? null : isoTime(value);
}
