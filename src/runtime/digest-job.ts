import type { DigestConfig } from "../config/config-schema.js";
import { formatTarget } from "../config/target.js";
import { buildDigest, publishedAfter } from "../digest/index.js";
import type { Clock } from "../domain/clock.js";
import type { Digest } from "../domain/digest.js";
import type { NewOutboxMessage, OutboundPayload } from "../domain/outbound.js";
import { renderDigest, type RenderFormat } from "../render/index.js";
import type { Store } from "../store/store.js";
import { formatForPlatform } from "./format-for-target.js";

export interface DigestJobDeps {
  store: Store;
  clock: Clock;
  beat: string;
  topics: Array<{ id: string; name: string; maxStories?: number | undefined }>;
  /** Configured sources: names and weights. */
  sources: Array<{ id: string; name?: string | undefined; weight?: number | undefined }>;
  defaultTimeZone: string;
  /** Only items of these sources, when set: a tenant's digest never shows another tenant's outlets. */
  visibleSources?: ReadonlySet<string> | undefined;
}

/** A digest's stable id: the configured one, or its position in the list. */
export function digestIdOf(digest: DigestConfig, index: number): string {
  return digest.id ?? `digest-${index + 1}`;
}

export function formatFor(digest: DigestConfig): RenderFormat {
  return formatForPlatform(digest.to);
}

/** The digest model for the window since the last one, without rendering or recording anything. */
export async function buildDigestModel(deps: DigestJobDeps, digest: DigestConfig, digestId: string) {
  const now = deps.clock.now();
  const windowEnd = now.toISOString();
  const since = await deps.store.getDigestMark(digestId);
  const topicIds = digest.topics ?? deps.topics.map((topic) => topic.id);
  const timeZone = digest.timezone ?? deps.defaultTimeZone;
  const oldest = publishedAfter({ since, now, lookBack: digest.look_back, schedule: { cron: digest.schedule, timeZone } });
  // Several items tell one story, so each topic brings more candidates than places.
  const perTopic = Math.max(40, digest.max_stories * 8);
  const items = await deps.store.itemsForDigest({ since, until: windowEnd, publishedAfter: oldest, topicIds, perTopic });
  const visible = deps.visibleSources;
  const clusterItems = (await deps.store.itemsOfClusters([...new Set(items.map((item) => item.clusterId))])).filter((item) => !visible || visible.has(item.sourceId));
  const states = await deps.store.listSourceStates();
  const titles = new Map(states.map((state) => [state.sourceId, state.title ?? null]));
  const model = buildDigest({
    beat: deps.beat,
    topics: topicIds.flatMap((id) => deps.topics.filter((topic) => topic.id === id)),
    items,
    clusterItems,
    since,
    sources: deps.sources.map((source) => ({ ...source, title: titles.get(source.id) ?? null })),
    now,
    timeZone,
    maxStories: digest.max_stories,
  });
  return { since, windowEnd, model };
}

/** Builds and renders the digest for the window since the last one, without recording anything. */
export async function previewDigest(deps: DigestJobDeps, digest: DigestConfig, digestId: string, format = formatFor(digest)) {
  const built = await buildDigestModel(deps, digest, digestId);
  return { ...built, messages: renderOrNote(built.model, digest, format) };
}

function renderOrNote(model: Digest, digest: DigestConfig, format: RenderFormat): OutboundPayload[] {
  return model.storyCount === 0 && digest.when_empty === "skip" ? [] : renderDigest(model, format);
}

/** Builds the digest, enqueues its messages and moves the window in one step; returns the messages enqueued. */
export async function runDigest(deps: DigestJobDeps, digest: DigestConfig, digestId: string): Promise<number> {
  const { since, windowEnd, messages } = await previewDigest(deps, digest, digestId);
  const target = formatTarget(digest.to);
  const group = `digest:${digestId}:${windowEnd}`;
  const outgoing: NewOutboxMessage[] = messages.map((payload, part) => ({
    key: `${group}:${part}`,
    target,
    group,
    part,
    payload,
  }));
  // Another worker may post this slot between our read of the mark and now: the commit is a compare-and-set on it.
  return deps.store.commitDigest({ digestId, since, windowEnd, messages: outgoing, now: deps.clock.now().toISOString() });
}
