/** Text as a feed gave it: `html` needs markup stripped, `text` only needs cleaning. */
export interface RawText {
  value: string;
  type: "text" | "html";
}

/** One entry as read from the document, before normalisation. */
export interface RawEntry {
  guid: string | null;
  /** Candidate links, best first (Atom rel="alternate" before others). */
  links: string[];
  /** The entry's xml:base (already resolved against the feed's), if any. */
  base: string | null;
  title: RawText | null;
  summary: RawText | null;
  content: RawText | null;
  author: string | null;
  language: string | null;
  /** Candidate dates, most meaningful first (published, then updated). */
  dates: string[];
}

/** A feed as read from RSS, Atom, RDF, CDF or JSON Feed, before normalisation. */
export interface RawFeed {
  format: "rss" | "atom" | "rdf" | "cdf" | "json";
  title: RawText | null;
  link: string | null;
  description: RawText | null;
  language: string | null;
  base: string | null;
  entries: RawEntry[];
  /** Set when the document was not well-formed and a forgiving parse read it: what was wrong. */
  recovered?: string | undefined;
}
