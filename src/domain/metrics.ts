/** How one poll of one source ended. */
export type PollOutcome = "fetched" | "not-modified" | "failed";

/**
 * What the stages report for operators to graph. Stages call these and never know how they are
 * recorded; the runtime backs them with Prometheus, tests and one-off commands with `noMetrics`.
 */
export interface Metrics {
  pollDone(outcome: PollOutcome): void;
  /** Time one fetch took, success or not. */
  fetchSeconds(seconds: number): void;
  itemsStored(count: number): void;
  /** An item passed this topic's threshold. */
  topicMatched(topicId: string): void;
  storyOpened(): void;
  digestBuilt(digestId: string, messages: number): void;
  /** A platform accepted a message; `seconds` from when it was queued. */
  delivered(platform: string, seconds: number): void;
  /** A platform answered 429. */
  rateLimited(platform: string): void;
}

export const noMetrics: Metrics = {
  pollDone() {},
  fetchSeconds() {},
  itemsStored() {},
  topicMatched() {},
  storyOpened() {},
  digestBuilt() {},
  delivered() {},
  rateLimited() {},
};
