import type { BriefingConfig, DigestConfig } from "../../config/config-schema.js";
import { parseTarget } from "../../config/target.js";
import { planDigestRun } from "../../digest/index.js";
import { DEFAULT_TENANT, type ChannelDigest } from "../../store/index.js";
import { runDigest, type DigestJobDeps } from "../digest-job.js";
import type { TenantView } from "./tenant-view.js";

/** A channel digest set up from chat, as the digest job runs a configured one. */
export interface ChatDigestJob {
  id: string;
  digest: DigestConfig;
  deps: DigestJobDeps;
}

/** The digest mark id of a channel's chat-made digest. */
export const chatDigestId = (target: string) => `chat:${target}`;

/**
 * The digest job of a channel digest: only its tenant's topics (all of them when it names none) and only
 * items of its tenant's sources, "+N more sources" included.
 */
export function chatDigestJob(config: BriefingConfig, view: TenantView, base: DigestJobDeps, entry: ChannelDigest): ChatDigestJob | null {
  const to = parseTarget(entry.target);
  if (typeof to === "string") return null;
  const configured = entry.tenantId === DEFAULT_TENANT ? config.topics.map((t) => ({ id: t.id, matchId: t.id, name: t.name, maxStories: t.max_stories })) : [];
  const chat = view.chatTopics.filter((t) => t.tenantId === entry.tenantId).map((t) => ({ id: t.id, matchId: t.matchId, name: t.name ?? t.id, maxStories: undefined }));
  const topics = [...configured, ...chat];
  const chosen = entry.topics.length > 0 ? topics.filter((t) => entry.topics.includes(t.id)) : topics;
  const visible = view.sourcesOf(entry.tenantId);
  const titles = new Map(view.chatFeeds.map((feed) => [feed.feedId, feed.title ?? undefined]));
  const digest: DigestConfig = {
    to,
    schedule: entry.schedule,
    timezone: entry.timeZone ?? undefined,
    // A digest that names no topic still needs one id: a tenant without topics gets an empty digest.
    topics: chosen.length > 0 ? chosen.map((t) => t.matchId) : ["-"],
    max_stories: 12,
    when_empty: "note",
  };
  const deps: DigestJobDeps = {
    ...base,
    topics: chosen.map((t) => ({ id: t.matchId, name: t.name, maxStories: t.maxStories })),
    sources: [...base.sources.filter((s) => visible.has(s.id)), ...[...visible].filter((id) => titles.has(id)).map((id) => ({ id, name: titles.get(id) }))],
    visibleSources: visible,
  };
  return { id: chatDigestId(entry.target), digest, deps };
}

/** Runs every chat-made digest whose slot has come (or that never ran); returns the messages enqueued. */
export async function runDueChatDigests(config: BriefingConfig, view: TenantView, base: DigestJobDeps, entries: ChannelDigest[]): Promise<number> {
  let enqueued = 0;
  for (const entry of entries) {
    const job = chatDigestJob(config, view, base, entry);
    if (!job) continue;
    const mark = await base.store.getDigestMark(job.id);
    const plan = planDigestRun({ cron: entry.schedule, timeZone: entry.timeZone ?? config.timezone, lastMark: mark, now: base.clock.now() });
    if (mark === null || plan.due) enqueued += await runDigest(job.deps, job.digest, job.id);
  }
  return enqueued;
}
