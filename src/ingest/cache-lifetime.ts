/**
 * How long a response says it stays fresh, in milliseconds (RFC 9111 §4.2.1): `max-age` less
 * `Age`, else `Expires` less `Date` (or `now` when the server sent no date). Undefined when the
 * response says nothing, forbids reuse (`no-store`, `no-cache`), or has already expired.
 */
export function cacheLifetimeMs(headers: Record<string, string | undefined>, now: Date): number | undefined {
  const directives = (headers["cache-control"] ?? "").toLowerCase();
  if (/(?:^|[\s,])(?:no-store|no-cache)(?:[\s,=]|$)/.test(directives)) return undefined;
  const maxAge = /(?:^|[\s,])max-age\s*=\s*"?(\d{1,10})"?/.exec(directives)?.[1];
  let ms: number | undefined;
  if (maxAge !== undefined) {
    const age = Number(/^\s*(\d{1,10})\s*$/.exec(headers["age"] ?? "")?.[1] ?? 0);
    ms = (Number(maxAge) - age) * 1000;
  } else if (headers["expires"] !== undefined) {
    const expires = Date.parse(headers["expires"]);
    // An unreadable Expires (often "0" or "-1") means already expired.
    if (Number.isNaN(expires)) return undefined;
    const date = Date.parse(headers["date"] ?? "");
    ms = expires - (Number.isNaN(date) ? now.getTime() : date);
  }
  return ms !== undefined && ms > 0 ? ms : undefined;
}
