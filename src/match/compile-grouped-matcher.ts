import { compileMatcher, type Matcher, type MatcherSpec } from "./compile-matcher.js";
import { parseQuery } from "./parse-query.js";

/** Queries that share one set of aliases (one tenant's). Ids must be unique across groups. */
export interface QueryGroup {
  aliases: Record<string, string>;
  queries: MatcherSpec["queries"];
}

/**
 * One matcher over groups of queries, each group compiled with its own aliases, so `@name` means
 * what its owner's aliases say and never another's. A query that no longer parses (an alias it
 * used was removed) is left out and reported through `onSkipped`; the others still match.
 */
export function compileGroupedMatcher(groups: QueryGroup[], sourceWeights: Record<string, number>, onSkipped: (id: string, error: unknown) => void = () => undefined): Matcher {
  const owners = new Map<string, Matcher>();
  const matchers: Matcher[] = [];
  for (const group of groups) {
    const queries = group.queries.filter((query) => {
      try {
        parseQuery(query.query, group.aliases);
        return true;
      } catch (error) {
        onSkipped(query.id, error);
        return false;
      }
    });
    if (queries.length === 0) continue;
    const matcher = compileMatcher({ queries, aliases: group.aliases, sourceWeights });
    matchers.push(matcher);
    for (const query of queries) owners.set(query.id, matcher);
  }
  if (matchers.length === 1) return matchers[0]!;
  return {
    match: (item, now) => matchers.flatMap((matcher) => matcher.match(item, now)),
    passes: (match) => owners.get(match.topicId)?.passes(match) ?? false,
  };
}
