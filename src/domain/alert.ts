import type { DigestStory } from "./digest.js";

/** One story in a watch alert: a digest story without its place in a digest. */
export type AlertStory = Omit<DigestStory, "clusterId" | "score">;

/** A watch alert: one story, or several collapsed into one message when a query fires often. */
export interface Alert {
  /** The destination's watches the stories matched (one message however many matched). */
  watches: Array<{ id: string; query: string }>;
  stories: AlertStory[];
}
