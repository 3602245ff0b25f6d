import type { OutboundPayload } from "../../domain/outbound.js";
import { DeliveryError } from "../../outbox/delivery-error.js";

/** The body of a Slack message as chat.postMessage and response_url take it (no channel). */
export interface SlackMessageBody {
  text: string;
  blocks?: unknown[];
  unfurl_links: false;
  unfurl_media: false;
  [field: string]: unknown;
}

/**
 * Passes a rendered payload through as it is (every field the renderer set, unfurl flags included).
 * An empty `blocks` array is left out (it adds nothing; the message is then its `text`).
 * A plain-text payload is escaped here, because Slack reads `<!channel>` in `text` as a mention.
 */
export function toSlackMessage(payload: OutboundPayload): SlackMessageBody {
  switch (payload.kind) {
    case "slack": {
      const { kind: _kind, blocks, ...fields } = payload;
      return blocks.length > 0 ? { ...fields, blocks } : fields;
    }
    case "text":
      return { text: escapeMrkdwn(payload.text), unfurl_links: false, unfurl_media: false };
    case "discord":
      throw new DeliveryError("permanent", "a Discord payload was routed to Slack");
  }
}

export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
