import type { BriefingConfig } from "../config/config-schema.js";
import { nextSlotAfter } from "../digest/index.js";
import type { Clock } from "../domain/clock.js";
import type { SlackHomeSource, TenantHome } from "../platforms/slack/index.js";
import { DEFAULT_TENANT, type Store } from "../store/index.js";
import { digestIdOf } from "./digest-job.js";
import { feedHealthOf } from "../domain/feed-health-of.js";
import { chatDigestId } from "./tenants/chat-digests.js";
import type { TenantView } from "./tenants/tenant-view.js";

/** `slack:T0123/#x` → the team and the channel; `slack:#x` → no team. */
function splitSlackTarget(channel: string): { team: string | null; channel: string } {
  const qualified = /^([TE][A-Z0-9]+)\/(.+)$/.exec(channel);
  return qualified ? { team: qualified[1]!, channel: qualified[2]! } : { team: null, channel };
}

/**
 * What the Slack Home tab shows of a workspace: the feeds and digests of the tenant it reads. The
 * default tenant is the YAML config plus what was added from chat in its workspaces; a workspace that
 * made its own tenant shows only that one's. Digests show in the workspace they post to (`slack:#x`
 * in the SLACK_BOT_TOKEN one, `slack:T0123/#x` in T0123). Nothing of one tenant shows in another.
 */
export function createSlackHomeSource(deps: {
  config(): BriefingConfig;
  store: Pick<Store, "listSourceStates" | "channelDigests">;
  view(): Promise<TenantView>;
  clock: Clock;
}): SlackHomeSource {
  return {
    async tenantHome({ workspaceId, isDefault }) {
      const config = deps.config();
      const now = deps.clock.now();
      const view = await deps.view();
      const tenantId = view.tenantOfWorkspace("slack", workspaceId);
      const ownTenant = tenantId !== DEFAULT_TENANT;
      const states = new Map((await deps.store.listSourceStates()).map((state) => [state.sourceId, state]));
      const health = (id: string) => feedHealthOf(states.get(id) ?? null, now);
      const configured = ownTenant ? [] : config.sources.map((source) => ({ id: source.id, name: source.name ?? null }));
      const known = new Set(configured.map((feed) => feed.id));
      const chat = view.chatFeeds.filter((feed) => feed.tenantId === tenantId && !known.has(feed.feedId)).map((feed) => ({ id: feed.feedId, name: feed.title }));
      const feeds = [...configured, ...chat].map((feed) => ({ ...feed, health: health(feed.id) }));

      // A digest shows where it posts: a team-qualified target in that team, a plain one in the
      // SLACK_BOT_TOKEN workspace (or, for a chat digest, in the workspace whose own tenant made it).
      const postsHere = (target: string, plainHere: boolean) => {
        const { team, channel } = splitSlackTarget(target);
        return (team === null ? plainHere : team === workspaceId) ? channel : null;
      };
      const digests: TenantHome["digests"] = [];
      config.digests.forEach((digest, index) => {
        if (digest.to.platform !== "slack") return;
        const target = postsHere(digest.to.channel, isDefault);
        if (target === null) return;
        const timeZone = digest.timezone ?? config.timezone;
        digests.push({ id: digestIdOf(digest, index), target, nextRunAt: nextSlotAfter({ cron: digest.schedule, timeZone }, now)?.toISOString() ?? null, timeZone });
      });
      for (const entry of await deps.store.channelDigests(tenantId)) {
        if (!entry.target.startsWith("slack:")) continue;
        const target = postsHere(entry.target.slice("slack:".length), ownTenant || isDefault);
        if (target === null) continue;
        const timeZone = entry.timeZone ?? config.timezone;
        digests.push({ id: chatDigestId(entry.target), target, nextRunAt: nextSlotAfter({ cron: entry.schedule, timeZone }, now)?.toISOString() ?? null, timeZone });
      }
      return { feeds, digests };
    },
  };
}
