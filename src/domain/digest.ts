/** One story in a digest: the lead item, the other outlets that told it, and why it matched. */
export interface DigestStory {
  clusterId: string;
  title: string;
  url: string | null;
  sourceId: string;
  publishedAt: string;
  /** Outlets other than the lead's that carried the same story. */
  otherSources: string[];
  matchedTerms: string[];
  excerpt: string;
  score: number;
}

export interface DigestSection {
  topicId: string;
  topicName: string;
  stories: DigestStory[];
}

/** A platform-neutral digest; renderers turn it into Slack, Discord or text messages. */
export interface Digest {
  beat: string;
  /** When the digest was built, ISO UTC; renderers show it in `timeZone`. */
  generatedAt: string;
  timeZone: string;
  storyCount: number;
  sections: DigestSection[];
}
