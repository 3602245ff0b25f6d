import type { BriefingConfig } from "../config/config-schema.js";
import { compileMatcher, type Matcher } from "../match/index.js";

/** Each source's configured weight, by id, as scoring wants it. */
export function sourceWeightsOf(config: BriefingConfig): Record<string, number> {
  return Object.fromEntries(config.sources.map((source) => [source.id, source.weight]));
}

/** The config's topics compiled into one matcher, with its aliases and source weights. */
export function compileTopicMatcher(config: BriefingConfig): Matcher {
  return compileMatcher({
    queries: config.topics.map((topic) => ({ id: topic.id, query: topic.query, threshold: topic.threshold })),
    aliases: config.aliases,
    sourceWeights: sourceWeightsOf(config),
  });
}
