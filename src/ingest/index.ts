export type { SourceSpec } from "./source-spec.js";
export { sourceLocation } from "./source-spec.js";
export { parseFeed } from "./parse-feed.js";
export { createIngester, type Ingester, type IngesterOptions, type PollResult, type PollStatus } from "./ingester.js";
