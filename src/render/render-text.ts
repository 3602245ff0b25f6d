import type { Digest } from "../domain/digest.js";
import type { OutboundPayload } from "../domain/outbound.js";

/** The digest as plain text for a terminal. */
export function renderText(digest: Digest): OutboundPayload[] {
  const date = new Intl.DateTimeFormat("en-GB", { dateStyle: "full", timeZone: digest.timeZone }).format(new Date(digest.generatedAt));
  const lines = [`${digest.beat} — ${date} — ${digest.storyCount} ${digest.storyCount === 1 ? "story" : "stories"}`, ""];
  for (const section of digest.sections) {
    lines.push(`## ${section.topicName}`);
    for (const story of section.stories) {
      const more = story.otherSources.length > 0 ? ` (+${story.otherSources.length} more: ${story.otherSources.join(", ")})` : "";
      lines.push(`• ${story.title}`);
      lines.push(`  ${story.url ?? "(no link)"}`);
      lines.push(`  ${story.sourceId}${more} · ${story.publishedAt.slice(0, 10)} · matched: ${story.matchedTerms.join(", ")}`);
    }
    lines.push("");
  }
  return [{ kind: "text", text: lines.join("\n").trimEnd() }];
}
