/** Which story each merged story became, for labels handed out before the merge. */
export interface StoryMerges {
  /** `absorbed` stories are now part of `into`. */
  record(into: string, absorbed: readonly string[]): void;
  /** The story `clusterId` is part of now (itself unless merged). */
  current(clusterId: string): string;
  /** Every merged story and what it is now, for relabelling what was stored under it. */
  renames(): Map<string, string>;
}

export function createStoryMerges(): StoryMerges {
  const into = new Map<string, string>();
  const current = (clusterId: string): string => {
    let id = clusterId;
    for (let next = into.get(id); next !== undefined; next = into.get(id)) id = next;
    return id;
  };
  return {
    record(target, absorbed) {
      for (const id of absorbed) if (current(id) !== current(target)) into.set(current(id), current(target));
    },
    current,
    renames: () => new Map([...into.keys()].map((id) => [id, current(id)])),
  };
}
