/** One story in a watch alert. */
export interface AlertStory {
  title: string;
  url: string | null;
  sourceId: string;
  /** The outlet's display name. */
  outlet: string;
  otherOutlets: string[];
  publishedAt: string;
  matchedTerms: string[];
  excerpt: string;
}

/** A watch alert: one story, or several collapsed into one message when a query fires often. */
export interface Alert {
  watchId: string;
  query: string;
  stories: AlertStory[];
}
