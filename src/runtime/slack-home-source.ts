import type { BriefingConfig } from "../config/config-schema.js";
import { nextSlotAfter } from "../digest/index.js";
import type { Clock } from "../domain/clock.js";
import type { SlackHomeSource } from "../platforms/slack/index.js";
import type { Store } from "../store/index.js";
import { digestIdOf } from "./digest-job.js";
import { feedHealthOf } from "./feed-health-of.js";

/**
 * What the Slack Home tab shows of a workspace. The YAML config is the default tenant: its feeds show
 * in the SLACK_BOT_TOKEN workspace only, and its Slack digests in the workspace they post to
 * (`slack:#x` in the default one, `slack:T0123/#x` in T0123). Nothing of one workspace shows in another.
 */
export function createSlackHomeSource(deps: { config(): BriefingConfig; store: Pick<Store, "listSourceStates">; clock: Clock }): SlackHomeSource {
  return {
    async tenantHome({ workspaceId, isDefault }) {
      const config = deps.config();
      const now = deps.clock.now();
      const states = new Map((await deps.store.listSourceStates()).map((state) => [state.sourceId, state]));
      const feeds = isDefault ? config.sources.map((source) => ({ id: source.id, name: source.name ?? null, health: feedHealthOf(states.get(source.id) ?? null, now) })) : [];
      const digests = config.digests.flatMap((digest, index) => {
        if (digest.to.platform !== "slack") return [];
        const qualified = /^([TE][A-Z0-9]+)\/(.+)$/.exec(digest.to.channel);
        if (qualified ? qualified[1] !== workspaceId : !isDefault) return [];
        const timeZone = digest.timezone ?? config.timezone;
        const nextRunAt = nextSlotAfter({ cron: digest.schedule, timeZone }, now)?.toISOString() ?? null;
        return [{ id: digestIdOf(digest, index), target: qualified ? qualified[2]! : digest.to.channel, nextRunAt, timeZone }];
      });
      return { feeds, digests };
    },
  };
}
