import type { Digest } from "../domain/digest.js";
import type { SourceState } from "../domain/source-state.js";
import type { Invoker } from "./brief-command.js";

/** Archive search with the query language; the result is a one-section digest, best story first. */
export interface SearchService {
  search(request: SearchRequest): Promise<Digest>;
}

export interface SearchRequest {
  /** The query as typed, filters (`since:7d`, `before:2026-01-31`, `topic:`, `source:`) included. */
  text: string;
  limit: number;
}

/** The digests configured for channels, as `/brief digest` sees them. */
export interface DigestService {
  /** What the digest for the invoker's channel (or the first digest) would contain now. */
  preview(invoker: Invoker): Promise<Digest>;
  /** Posts that digest to the invoker's channel now, through the outbox; returns the messages enqueued. */
  postNow(invoker: Invoker): Promise<number>;
}

/** Throws a QueryError (with a caret under the column) when the query does not parse. */
export type QueryValidator = (query: string) => void;

export interface TopicInfo {
  id: string;
  name: string;
  query: string;
}

export interface SourceInfo {
  id: string;
  location: string;
  state: SourceState | null;
}

/**
 * Whether alerts or digests may go to a channel an admin named in a command: it must be in the
 * invoker's own workspace or server, and the bot must be able to post there. Resolves null when it
 * may, else the reason to show the admin.
 */
export type ChannelCheck = (invoker: Invoker, channelId: string) => Promise<string | null>;
