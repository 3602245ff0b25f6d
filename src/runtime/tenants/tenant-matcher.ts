import type { BriefingConfig } from "../../config/config-schema.js";
import { compileMatcher, type Matcher } from "../../match/index.js";
import { sourceWeightsOf } from "../topic-matcher.js";
import type { TenantView } from "./tenant-view.js";

/**
 * One matcher for the config's topics and every tenant's chat-made ones, kept while they stay the same.
 * A topic only ever matches items of sources its own tenant follows: one shared poll, isolated results.
 */
export function createTenantMatchers(config: BriefingConfig) {
  let compiled: { signature: string; matcher: Matcher } | null = null;
  return function matcherFor(view: TenantView): Matcher {
    const signature = view.chatTopics.map((topic) => `${topic.matchId}\u0000${topic.query}`).join("\u0001");
    if (compiled?.signature !== signature) {
      const matcher = compileMatcher({
        queries: [
          ...config.topics.map((topic) => ({ id: topic.id, query: topic.query, threshold: topic.threshold })),
          ...view.chatTopics.map((topic) => ({ id: topic.matchId, query: topic.query })),
        ],
        aliases: config.aliases,
        sourceWeights: sourceWeightsOf(config),
      });
      compiled = { signature, matcher };
    }
    const inner = compiled.matcher;
    return {
      match: (item, now) => inner.match(item, now).filter((match) => view.sourcesOf(view.tenantOfTopic(match.topicId)).has(item.sourceId)),
      passes: (match) => inner.passes(match),
    };
  };
}
