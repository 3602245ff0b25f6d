/**
 * Remembers the last `capacity` ids. The gateway may deliver an event twice (a replay after a resume);
 * a command such as `watch` must still run once.
 */
export function createRecentIds(capacity: number): { firstTime(id: string): boolean } {
  const seen = new Set<string>();
  return {
    firstTime(id) {
      if (seen.has(id)) return false;
      seen.add(id);
      if (seen.size > capacity) seen.delete(seen.values().next().value as string);
      return true;
    },
  };
}
