export { parseSearchFilters, type SearchFilters } from "./search-filters.js";
export type { CandidateRequest, CompiledSearchQuery, SearchIndex, SearchQueryCompiler } from "./search-index.js";
export { createSearchService, type SearchServiceDeps } from "./create-search-service.js";
