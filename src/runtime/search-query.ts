import type { BriefingConfig } from "../config/config-schema.js";
import { compileMatcher, ftsTermsOf, parseQuery } from "../match/index.js";
import type { CompiledSearchQuery } from "../search/index.js";
import { sourceWeightsOf } from "./topic-matcher.js";

/** A search query compiled with the config's aliases: the exact matcher plus the terms the FTS index looks up. */
export function compileSearchQuery(query: string, config: BriefingConfig): CompiledSearchQuery {
  const matcher = compileMatcher({
    queries: [{ id: "search", query, threshold: 0 }],
    aliases: config.aliases,
    sourceWeights: sourceWeightsOf(config),
  });
  return {
    alternatives: ftsTermsOf(parseQuery(query, config.aliases)),
    matches(item, now) {
      const found = matcher.match(item, now)[0];
      return found ? { terms: found.terms, score: found.score } : null;
    },
  };
}
