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
    beat: `Watch ${alert.watchId}: ${alert.query}`,
    generatedAt,
    timeZone,
    storyCount: alert.stories.length,
    sections: [
      {
        topicId: `watch-${alert.watchId}`,
        topicName: alert.stories.length === 1 ? "New story" : `${alert.stories.length} new stories`,
        stories: alert.stories.map((story, index) => ({ ...story, clusterId: `${index}`, score: 0 })),
      },
    ],
    footer: { search: "", watch: "", unwatch: `/brief unwatch ${alert.watchId}` },
  };
  return renderDigest(digest, format);
}
