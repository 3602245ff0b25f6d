import type { BriefingConfig } from "../../config/config-schema.js";
import { maskUrlsInText } from "../../domain/mask-url.js";
import { formatTarget } from "../../config/target.js";
import { nextSlotAfter } from "../../digest/index.js";
import type { Store } from "../../store/store.js";
import { digestIdOf } from "../digest-job.js";
import { feedHealthOf, type FeedHealth } from "../../domain/feed-health-of.js";

/** Everything the status page shows; no URL, token or message body, so nothing secret can reach it. */
export interface StatusModel {
  generatedAt: string;
  readiness: { ready: boolean; reasons: string[] };
  feeds: Array<{ id: string; name: string | null; health: FeedHealth; lastSuccessAt: string | null; lastError: string | null; failures: number; pausedUntil: string | null }>;
  outbox: {
    pending: number;
    failed: Array<{ id: number; target: string; attempts: number; error: string | null }>;
    pausedTargets: Array<{ target: string; reason: string; since: string }>;
    pausedPlatforms: Array<{ platform: string; reason: string }>;
  };
  digests: Array<{ id: string; target: string; schedule: string; timeZone: string; nextRunAt: string | null }>;
  watches: Array<{ platform: string; count: number }>;
}

export interface StatusInputs {
  store: Pick<Store, "listSourceStates" | "listOutbox" | "pausedTargets" | "allWatches">;
  config: BriefingConfig;
  pausedPlatforms: Map<string, string>;
  readiness: StatusModel["readiness"];
  now: Date;
}

export async function buildStatusModel(inputs: StatusInputs): Promise<StatusModel> {
  const { store, config, now } = inputs;
  const states = new Map((await store.listSourceStates()).map((state) => [state.sourceId, state]));
  const outbox = await store.listOutbox(["pending", "failed"]);
  const watchCounts = new Map<string, number>();
  for (const watch of await store.allWatches()) watchCounts.set(watch.owner.platform, (watchCounts.get(watch.owner.platform) ?? 0) + 1);
  return {
    generatedAt: now.toISOString(),
    readiness: inputs.readiness,
    feeds: config.sources.map((source) => {
      const state = states.get(source.id) ?? null;
      return {
        id: source.id,
        name: source.name ?? null,
        health: feedHealthOf(state, now),
        lastSuccessAt: state?.lastSuccessAt ?? null,
        lastError: state?.lastError ? maskUrlsInText(state.lastError) : null,
        failures: state?.consecutiveFailures ?? 0,
        pausedUntil: state?.pausedUntil ?? null,
      };
    }),
    outbox: {
      pending: outbox.filter((message) => message.status === "pending").length,
      failed: outbox
        .filter((message) => message.status === "failed")
        .map((message) => ({ id: message.id, target: message.target, attempts: message.attempts, error: message.lastError ? maskUrlsInText(message.lastError) : null })),
      pausedTargets: (await store.pausedTargets()).map((paused) => ({ target: paused.target, reason: paused.reason, since: paused.pausedAt })),
      pausedPlatforms: [...inputs.pausedPlatforms].map(([platform, reason]) => ({ platform, reason })),
    },
    digests: config.digests.map((digest, index) => {
      const timeZone = digest.timezone ?? config.timezone;
      return {
        id: digestIdOf(digest, index),
        target: formatTarget(digest.to),
        schedule: digest.schedule,
        timeZone,
        nextRunAt: nextSlotAfter({ cron: digest.schedule, timeZone }, now)?.toISOString() ?? null,
      };
    }),
    watches: [...watchCounts].map(([platform, count]) => ({ platform, count })).sort((a, b) => a.platform.localeCompare(b.platform)),
  };
}
