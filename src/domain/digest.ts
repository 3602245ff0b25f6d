/**
 * One story in a digest: the lead item, the other outlets that told it, and why it matched.
 * Text here is as the feed gave it; renderers clean and escape it for each platform.
 */
export interface DigestStory {
  clusterId: string;
  title: string;
  /** The lead item's own http(s) URL: the only link a renderer may make clickable. Null when it has none. */
  url: string | null;
  sourceId: string;
  /** The lead item's outlet, as configured (the source's name, else its id). */
  outlet: string;
  /** Other outlets that carried the same story, without repeats; shown as "+N more sources". */
  otherOutlets: string[];
  /** ISO UTC; renderers show the age relative to the digest's `generatedAt`, never the wall clock. */
  publishedAt: string;
  /** The feed gave no date: `publishedAt` is when the bot first saw the item, shown as "first seen …". */
  dateMissing?: boolean;
  /** The query terms that matched, best topic's first, without repeats ("H200", "export controls"). */
  matchedTerms: string[];
  /** A short plain-text lead-in from the summary; may be empty. Renderers shorten it to one or two lines. */
  excerpt: string;
  score: number;
  /** How `score` was made, for `briefing digest --preview --explain`; absent outside digests. */
  rank?: DigestRank;
}

/** The parts of a story's importance within its topic; `score` is their product (see src/digest/story-rank.ts). */
export interface DigestRank {
  /** How well it matched, in (0, 1]: title 1, summary 2/3, body 1/3. */
  quality: number;
  /** Distinct outlets that carried the story. */
  outlets: number;
  /** 1 + log2(outlets). */
  outletFactor: number;
  /** 1 / (1 + hours since the newest item / 24). */
  freshness: number;
  /** When the story's newest item was published (ISO UTC): what freshness is measured from. */
  newestAt: string;
  /** The lead source's configured weight. */
  weight: number;
  score: number;
}

/** The stories of one topic, best first. */
export interface DigestSection {
  topicId: string;
  topicName: string;
  stories: DigestStory[];
}

/** Example commands printed at the foot of a digest, so readers learn how to search and watch. */
export interface DigestFooter {
  /** When set, the footer teaches only how to stop: a watch alert's watches, each with its `/brief unwatch 12`. */
  unwatch?: Array<{ watchId: string; command: string }>;
  /** e.g. `/brief search H200 since:7d` */
  search: string;
  /** e.g. `/brief watch "export controls"` */
  watch: string;
}

/**
 * A platform-neutral digest; renderers turn it into Slack, Discord or text messages.
 * With `storyCount` 0 it is the empty-window note: renderers print one line, "Nothing new since …".
 */
export interface Digest {
  beat: string;
  /** When the digest was built, ISO UTC; renderers show it in `timeZone`. */
  generatedAt: string;
  /** IANA zone the digest is dated in, e.g. Asia/Shanghai. */
  timeZone: string;
  /** Start of the window (the previous digest's end), ISO UTC; null or absent for a first digest. */
  since?: string | null;
  storyCount: number;
  /** One section per topic with stories, in the configured topic order. */
  sections: DigestSection[];
  /** Absent for replies that are not digests (a search answer has no need to teach search). */
  footer?: DigestFooter;
}
