import type { ParsedFeed } from "../domain/item.js";
import { decodeFeedBytes } from "./decode-charset.js";
import { FetchError, type FetchErrorKind } from "./fetch-error.js";
import { parseFeed } from "./parse-feed.js";

/** Everything a parse needs, in a form that crosses a worker boundary. */
export interface ParseJob {
  bytes: Uint8Array;
  contentType: string | null;
  baseUrl: string | null;
  sourceId: string;
  /** ISO time of the fetch. */
  now: string;
  maxItems?: number | undefined;
}

/** A parse result as it crosses back: the feed, or a `FetchError`'s kind and message. */
export type ParseReply =
  | { ok: true; feed: ParsedFeed; charset: string }
  | { ok: false; kind: FetchErrorKind; message: string; internal?: string; feedLinks?: string[] };

/** Decodes and parses a fetched body; never throws. */
export async function runParseJob(job: ParseJob): Promise<ParseReply> {
  try {
    const { text, charset } = decodeFeedBytes(job.bytes, job.contentType);
    const feed = await parseFeed(text, { sourceId: job.sourceId, baseUrl: job.baseUrl, now: new Date(job.now), maxItems: job.maxItems });
    return { ok: true, feed, charset };
  } catch (error) {
    if (error instanceof FetchError) return { ok: false, kind: error.kind, message: error.message, ...(error.feedLinks.length > 0 ? { feedLinks: error.feedLinks } : {}) };
    // Stack overflows from absurd nesting and other parser crashes land here.
    return { ok: false, kind: "too-complex", message: "the feed is too complex to read", internal: String(error).slice(0, 300) };
  }
}

export function replyToFeed(reply: ParseReply): ParsedFeed {
  if (reply.ok) return reply.feed;
  // `internal` (a parser crash we did not foresee) stays in `cause`, for logs and the conformance run.
  throw new FetchError(reply.kind, reply.message, { feedLinks: reply.feedLinks, ...(reply.internal ? { cause: new Error(reply.internal) } : {}) });
}
