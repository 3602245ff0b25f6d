import type { Clock } from "../domain/clock.js";
import type { Digest, DigestStory } from "../domain/digest.js";
import { BriefingError } from "../domain/errors.js";
import type { StoredItem } from "../domain/story.js";
import type { CompiledSearchQuery, SearchIndex, SearchQueryCompiler } from "./search-index.js";
import { parseSearchFilters } from "./search-filters.js";

export interface SearchServiceDeps {
  index: SearchIndex;
  compile: SearchQueryCompiler;
  clock: Clock;
  beat: string;
  timeZone: string;
  /** The outlet name shown for a source id. */
  outletOf: (sourceId: string) => string;
  /** How many candidates the index may return per search before the exact filter. */
  candidateLimit?: number;
}

const DAY_MS = 86_400_000;

/** The best item found so far for one story, and every outlet that told it. */
type Ranked = Map<string, { item: StoredItem; terms: string[]; rank: number; sources: Set<string> }>;

/** Finds stories in the archive: index candidates, exact query filter, one entry per story, relevance and recency. */
export function createSearchService(deps: SearchServiceDeps) {
  const candidateLimit = deps.candidateLimit ?? 500;
  return {
    async search(request: { text: string; limit: number; sourceIds?: string[] | null | undefined; topicPrefix?: string | undefined; aliases?: Record<string, string> | undefined }): Promise<Digest> {
      const now = deps.clock.now();
      const filters = parseSearchFilters(request.text, now);
      if (filters.query === "") throw new BriefingError("query", "Search for something: /brief search <query> [since:7d]");
      const compiled = deps.compile(filters.query, request.aliases);
      const best: Ranked = new Map();
      // Newest candidates first, a page at a time, until there are enough stories to rank.
      const pageSize = Math.max(40, request.limit * 5);
      for (let offset = 0; offset < candidateLimit && best.size < request.limit * 2; offset += pageSize) {
        const page = await deps.index.candidates({
          alternatives: compiled.alternatives,
          since: filters.since,
          before: filters.before,
          topicIds: filters.topicIds.map((id) => `${request.topicPrefix ?? ""}${id}`),
          sourceIds: request.sourceIds ?? null,
          limit: pageSize,
          offset,
        });
        rankInto(best, page, compiled, now);
        if (page.length < pageSize) break;
      }
      const stories: DigestStory[] = [...best.values()]
        .sort((a, b) => b.rank - a.rank)
        .slice(0, request.limit)
        .map(({ item, terms, rank, sources }) => ({
          clusterId: item.clusterId,
          title: item.title,
          url: item.url,
          sourceId: item.sourceId,
          outlet: deps.outletOf(item.sourceId),
          otherOutlets: [...sources].filter((s) => s !== item.sourceId).map(deps.outletOf),
          publishedAt: item.dateMissing ? item.firstSeenAt : item.publishedAt,
          ...(item.dateMissing ? { dateMissing: true } : {}),
          matchedTerms: terms,
          excerpt: item.summary.slice(0, 240),
          score: rank,
        }));
      return {
        beat: deps.beat,
        generatedAt: now.toISOString(),
        timeZone: deps.timeZone,
        storyCount: stories.length,
        sections: stories.length === 0 ? [] : [{ topicId: "search", topicName: `Search: ${request.text}`, stories }],
      };
    },
  };
}

/** Keeps, per story, the candidate that passes the exact query with the best relevance-and-recency rank. */
function rankInto(best: Ranked, page: StoredItem[], compiled: CompiledSearchQuery, now: Date): void {
  for (const item of page) {
    const hit = compiled.matches(item, now);
    if (!hit) continue;
    const ageDays = Math.max(0, (now.getTime() - Date.parse(item.publishedAt)) / DAY_MS);
    const rank = hit.score / (1 + ageDays / 30);
    const current = best.get(item.clusterId);
    if (!current) best.set(item.clusterId, { item, terms: hit.terms, rank, sources: new Set([item.sourceId]) });
    else {
      current.sources.add(item.sourceId);
      if (rank > current.rank) Object.assign(current, { item, terms: hit.terms, rank });
    }
  }
}
