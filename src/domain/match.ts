/** Where in an item a term was found; title weighs most. */
export type MatchField = "title" | "summary" | "content" | "source";

/** One topic (or watch) that an item matched, with the reasons why. */
export interface TopicMatch {
  topicId: string;
  score: number;
  /** The terms that matched, as written in the query, without repeats. */
  terms: string[];
  /** Which fields each term was found in. */
  fields: Partial<Record<MatchField, string[]>>;
}

/** The part of an item that matching reads. */
export interface MatchableItem {
  title: string;
  summary: string;
  content: string;
  sourceId: string;
  publishedAt: string;
}
