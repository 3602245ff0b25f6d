import type { BriefingConfig } from "../config/config-schema.js";
import { compileMatcher, ftsTermsOf, parseQuery } from "../match/index.js";
import type { CompiledSearchQuery } from "../search/index.js";
import { sourceWeightsOf } from "./topic-matcher.js";

/** A search query compiled with the asker's aliases (the config's by default): the exact matcher plus the terms the FTS index looks up. */
export function compileSearchQuery(query: string, config: BriefingConfig, aliases: Record<string, string> = config.aliases): CompiledSearchQuery {
  // Parsed on its own first: a mistake is then reported as the user's query, not as a query named "search".
  const alternatives = ftsTermsOf(parseQuery(query, aliases));
  const matcher = compileMatcher({
    queries: [{ id: "search", query, threshold: 0 }],
    aliases,
    sourceWeights: sourceWeightsOf(config),
  });
  return {
    alternatives,
    matches(item, now) {
      const found = matcher.match(item, now)[0];
      // `source:x` scopes where to look; it is no reason a story matched.
      return found ? { terms: found.terms.filter((term) => !/^source:/i.test(term)), score: found.score } : null;
    },
  };
}
