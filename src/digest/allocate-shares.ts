/** One topic's candidates, best first, and the most it may take. */
export interface TopicCandidates<T> {
  id: string;
  /** The topic's own `max_stories`, or Infinity when it has none. */
  cap: number;
  stories: readonly T[];
}

/**
 * Shares `total` places among topics in rounds: each round gives every topic that still has stories
 * (and room under its cap) one more place, the topic whose next story scores highest first. So every
 * topic with matches is represented, shares differ by at most one until a topic runs out, and what a
 * topic cannot use flows to the others. Returns each topic's picks, best first.
 */
export function allocateShares<T>(topics: readonly TopicCandidates<T>[], total: number, scoreOf: (story: T) => number): Map<string, T[]> {
  const taken = new Map(topics.map((topic) => [topic.id, [] as T[]]));
  let left = Math.max(0, total);
  const open = () =>
    topics.filter((topic) => {
      const count = taken.get(topic.id)!.length;
      return count < topic.stories.length && count < topic.cap;
    });
  for (let round = open(); left > 0 && round.length > 0; round = open()) {
    const next = (topic: TopicCandidates<T>) => scoreOf(topic.stories[taken.get(topic.id)!.length]!);
    // A stable sort keeps the configured topic order on equal scores.
    for (const topic of [...round].sort((a, b) => next(b) - next(a))) {
      if (left === 0) break;
      const list = taken.get(topic.id)!;
      list.push(topic.stories[list.length]!);
      left -= 1;
    }
  }
  return taken;
}
