import type { Digest } from "../domain/digest.js";
import type { OutboundPayload } from "../domain/outbound.js";
import { digestView, storyCountOf } from "./digest-view.js";
import { storyView, topicTitle } from "./story-view.js";

/**
 * Terminals and Markdown viewers link any `scheme://`; feed text gets `[:]//` (the usual "defanged"
 * spelling) so the story's own URL, on its own line, is the only link.
 */
function defang(text: string): string {
  return text.replace(/:\/\//g, "[:]//");
}

/** The digest as plain text (Markdown-ish headings) for a terminal: one message, no length limit. */
export function renderText(digest: Digest): OutboundPayload[] {
  const view = digestView(digest);
  if (storyCountOf(digest) === 0) return [{ kind: "text", text: defang(view.emptyNote) }];
  const lines = [defang(`${view.beat} — ${view.day}`), defang(view.summary)];
  let number = 0;
  for (const topic of digest.sections) {
    if (topic.stories.length === 0) continue;
    lines.push("", `## ${defang(topicTitle(topic.topicName))}`, "");
    for (const story of topic.stories) {
      number += 1;
      const item = storyView(story, digest);
      const indent = " ".repeat(`${number}. `.length);
      lines.push(`${number}. ${defang(item.title)}`);
      if (item.href) lines.push(`${indent}${item.href}`);
      lines.push(`${indent}${defang([item.outlets, item.age, item.matched].filter(Boolean).join(" · "))}`);
      if (item.excerpt) lines.push(`${indent}${defang(item.excerpt)}`);
    }
  }
  if (view.footer.length > 0) lines.push("", ...view.footer.map(({ label, command }) => `${label}: ${defang(command)}`));
  return [{ kind: "text", text: lines.join("\n") }];
}
