import type { BriefingConfig } from "../../config/config-schema.js";
import { compileGroupedMatcher, type Matcher } from "../../match/index.js";
import { DEFAULT_TENANT } from "../../store/index.js";
import { sourceWeightsOf } from "../topic-matcher.js";
import type { TenantView } from "./tenant-view.js";

/**
 * One matcher for the config's topics and every tenant's chat-made ones, kept while they (and the
 * tenants' aliases) stay the same. Each tenant's topics read `@name` with that tenant's aliases, and
 * a topic only ever matches items of sources its own tenant follows: one shared poll, isolated results.
 */
export function createTenantMatchers(config: BriefingConfig, onSkipped?: (topicId: string, error: unknown) => void) {
  let compiled: { signature: string; matcher: Matcher } | null = null;
  return function matcherFor(view: TenantView): Matcher {
    const signature = JSON.stringify([view.chatTopics.map((topic) => [topic.matchId, topic.query]), view.chatAliases.map((alias) => [alias.tenantId, alias.name, alias.query])]);
    if (compiled?.signature !== signature) {
      const tenants = [DEFAULT_TENANT, ...new Set(view.chatTopics.map((topic) => topic.tenantId).filter((id) => id !== DEFAULT_TENANT))];
      const matcher = compileGroupedMatcher(
        tenants.map((tenantId) => ({
          aliases: view.aliasesOf(tenantId),
          queries: [
            ...(tenantId === DEFAULT_TENANT ? config.topics.map((topic) => ({ id: topic.id, query: topic.query, threshold: topic.threshold })) : []),
            ...view.chatTopics.filter((topic) => topic.tenantId === tenantId).map((topic) => ({ id: topic.matchId, query: topic.query })),
          ],
        })),
        sourceWeightsOf(config),
        onSkipped,
      );
      compiled = { signature, matcher };
    }
    const inner = compiled.matcher;
    return {
      match: (item, now) => inner.match(item, now).filter((match) => view.sourcesOf(view.tenantOfTopic(match.topicId)).has(item.sourceId)),
      passes: (match) => inner.passes(match),
    };
  };
}
