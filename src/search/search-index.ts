import type { StoredItem } from "../domain/story.js";

/** What a full-text candidate lookup needs; the store answers it from its FTS index. */
export interface CandidateRequest {
  /** Alternatives, each a list of words or phrases that must all appear; empty means "any item". */
  alternatives: string[][];
  since: string | null;
  before: string | null;
  topicIds: string[];
  /** Only items of these sources; null for every source. */
  sourceIds?: string[] | null | undefined;
  limit: number;
  /** Skip this many of each alternative's newest candidates (paging). */
  offset?: number;
}

/** The archive as search sees it: cheap candidates that the exact query then filters. */
export interface SearchIndex {
  candidates(request: CandidateRequest): Promise<StoredItem[]>;
}

/** A compiled query: the exact test and the terms an index can look up. */
export interface CompiledSearchQuery {
  matches(item: StoredItem, now: Date): { terms: string[]; score: number } | null;
  alternatives: string[][];
}

/** `aliases`: the asker's `@name` aliases; the compiler's own default when absent. */
export type SearchQueryCompiler = (query: string, aliases?: Record<string, string>) => CompiledSearchQuery;
