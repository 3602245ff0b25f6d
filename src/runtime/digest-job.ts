import type { DigestConfig } from "../config/config-schema.js";
import { formatTarget } from "../config/target.js";
import { buildDigest } from "../digest/index.js";
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
  topics: Array<{ id: string; name: string }>;
  /** Configured sources, for outlet names. */
  sources: Array<{ id: string; name?: string | undefined }>;
  defaultTimeZone: string;
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
  const items = await deps.store.itemsForDigest({ since, until: windowEnd, topicIds, limit: digest.max_stories * 4 });
  const clusterItems = await deps.store.itemsOfClusters([...new Set(items.map((item) => item.clusterId))]);
  const model = buildDigest({
    beat: deps.beat,
    topics: deps.topics.filter((topic) => topicIds.includes(topic.id)),
    items,
    clusterItems,
    since,
    sources: deps.sources,
    now,
    timeZone: digest.timezone ?? deps.defaultTimeZone,
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
  const { windowEnd, messages } = await previewDigest(deps, digest, digestId);
  const target = formatTarget(digest.to);
  const group = `digest:${digestId}:${windowEnd}`;
  const outgoing: NewOutboxMessage[] = messages.map((payload, part) => ({
    key: `${group}:${part}`,
    target,
    group,
    part,
    payload,
  }));
  return deps.store.commitDigest({ digestId, windowEnd, messages: outgoing, now: deps.clock.now().toISOString() });
}
