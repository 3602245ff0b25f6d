import type { Alert } from "../domain/alert.js";
import type { Digest } from "../domain/digest.js";
import type { OutboundPayload } from "../domain/outbound.js";
import type { RenderFormat } from "./index.js";
import { renderDigest } from "./index.js";

/**
 * A watch alert, rendered like a one-section digest so a story looks (and is escaped) the same everywhere:
 * the linked title, outlet, age and why it matched, with how to stop the watch at the foot.
 */
export function renderAlert(alert: Alert, format: RenderFormat, generatedAt: string, timeZone: string): OutboundPayload[] {
  const digest: Digest = {
    beat: inWords(alert.watches.map((watch, index) => `${index === 0 ? "Watch" : "watch"} ${watch.id}: ${watch.query}`)),
    generatedAt,
    timeZone,
    storyCount: alert.stories.length,
    sections: [
      {
        topicId: `watch-${alert.watches.map((watch) => watch.id).join("-")}`,
        topicName: alert.stories.length === 1 ? "New story" : `${alert.stories.length} new stories`,
        stories: alert.stories.map((story, index) => ({ ...story, clusterId: `${index}`, score: 0 })),
      },
    ],
    footer: { search: "", watch: "", unwatch: alert.watches.map((watch) => ({ watchId: watch.id, command: `/brief unwatch ${watch.id}` })) },
  };
  return renderDigest(digest, format);
}

/** "a", "a and b", "a, b and c": the watches one story matched, as a reader would say them. */
function inWords(parts: string[]): string {
  if (parts.length <= 1) return parts.join("");
  return `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}
