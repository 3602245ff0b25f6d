/** A feed entry after ingestion: plain text, canonical URL, UTC time. */
export interface FeedItem {
  /** Stable within its source: the guid as published, else the link, else a content hash. */
  id: string;
  sourceId: string;
  /** The entry's guid (Atom id); one written as a URL path is resolved against the feed's URL. */
  guid: string | null;
  /** The link as published, resolved against the feed's URL. */
  link: string | null;
  /** The canonical article URL: tracking parameters dropped, AMP mapped back. */
  url: string | null;
  title: string;
  summary: string;
  /** Plain-text body when the feed carries one, else an empty string. */
  content: string;
  author: string | null;
  language: string | null;
  /** ISO 8601 in UTC. */
  publishedAt: string;
  /** True when the feed gave no usable date and `publishedAt` is the first-seen time. */
  dateMissing: boolean;
  /**
   * Set (with `dateMissing`) when the feed did give a date but not a believable one: before 1995 or more
   * than a day ahead. Such an item is kept and searchable but is not news to alert on.
   */
  dateImplausible?: boolean;
}

/** Feed-level metadata read alongside its items. */
export interface FeedMeta {
  title: string | null;
  link: string | null;
  description: string | null;
  language: string | null;
}

export interface ParsedFeed {
  feed: FeedMeta;
  items: FeedItem[];
  /**
   * Set when the document was not well-formed XML and its items were read by a forgiving
   * parse: what the strict parse stumbled on (e.g. "malformed XML at line 12: Unexpected close tag").
   */
  recovered?: string | undefined;
}
