import type { Digest } from "../domain/digest.js";
import { formatAge } from "./format-age.js";
import { storyView, topicTitle } from "./story-view.js";

/**
 * Why each story of a digest ranks where it does, as plain text for `briefing digest --preview --explain`:
 * every part of score = quality × outlet factor × freshness × weight, story by story, topic by topic.
 */
export function renderExplain(digest: Digest): string {
  const lines = ["Ranking within each topic: score = quality × (1 + log2 outlets) × freshness × source weight"];
  for (const section of digest.sections) {
    lines.push("", `## ${topicTitle(section.topicName)}`);
    section.stories.forEach((story, index) => {
      const view = storyView(story, digest);
      const rank = story.rank;
      const parts = rank
        ? `${fixed(rank.score)} = quality ${fixed(rank.quality)} × outlets ${fixed(rank.outletFactor)} (${rank.outlets}) × freshness ${fixed(rank.freshness)} (newest ${formatAge(rank.newestAt, digest.generatedAt, digest.timeZone)}) × weight ${rank.weight}`
        : `score ${fixed(story.score)}`;
      lines.push(`${index + 1}. ${view.title}`, `   ${parts}`);
    });
  }
  return lines.join("\n");
}

/** Three significant digits: a year-old story's freshness (0.00104) still reads as more than nothing. */
function fixed(value: number): string {
  return value >= 1 ? value.toFixed(3) : value.toPrecision(3);
}
