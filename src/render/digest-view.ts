import type { Digest } from "../domain/digest.js";
import { formatDay, formatDayTime } from "./format-date.js";
import { STORY_BUDGET } from "./limits.js";
import { plain } from "./story-view.js";

/** The digest-level lines every renderer shows, as clean plain text. */
export interface DigestView {
  /** "China AI policy" */
  beat: string;
  /** "Thu 15 Jan 2026", in the digest's zone */
  day: string;
  /** "6 stories · 3 topics · since Wed 14 Jan 2026, 09:00 (Asia/Shanghai)" */
  summary: string;
  /** "China AI policy: nothing new since Wed 14 Jan 2026, 09:00 (Asia/Shanghai)." */
  emptyNote: string;
  /** Example commands with their labels ("Search the archive", "/brief search H200"), empty without a footer. */
  footer: Array<{ label: string; command: string }>;
}

export function digestView(digest: Digest): DigestView {
  const beat = plain(digest.beat, STORY_BUDGET.beat) || "Briefing";
  const zone = plain(digest.timeZone, 64);
  const since = digest.since ? `${formatDayTime(digest.since, digest.timeZone)} (${zone})` : null;
  const topics = digest.sections.filter((section) => section.stories.length > 0).length;
  const count = storyCountOf(digest);
  const summary = [
    `${count} ${count === 1 ? "story" : "stories"}`,
    ...(topics > 1 ? [`${topics} topics`] : []),
    ...(since ? [`since ${since}`] : []),
  ].join(" · ");
  return {
    beat,
    day: formatDay(digest.generatedAt, digest.timeZone),
    summary,
    emptyNote: since ? `${beat}: nothing new since ${since}.` : `${beat}: nothing new yet.`,
    footer: footerLines(digest),
  };
}

/** Stories actually present: the sections are the truth, whatever `storyCount` says. */
export function storyCountOf(digest: Digest): number {
  return digest.sections.reduce((sum, section) => sum + section.stories.length, 0);
}

function footerLines(digest: Digest): DigestView["footer"] {
  const { footer } = digest;
  if (!footer) return [];
  if (footer.unwatch) {
    // One watch: "Stop this watch". Several in one DM: a line for each, so every command can be copied as it is.
    const [only, ...more] = footer.unwatch;
    if (only && more.length === 0) return [{ label: "Stop this watch", command: plain(only.command, 120) }];
    return footer.unwatch.map(({ watchId, command }) => ({ label: `Stop watch ${plain(watchId, 40)}`, command: plain(command, 120) }));
  }
  return [
    { label: "Search the archive", command: plain(footer.search, 120) },
    { label: "Get alerts", command: plain(footer.watch, 120) },
  ];
}
