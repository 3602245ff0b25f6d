import type { webApi } from "@slack/bolt";

/** The metadata event type every delivery carries; its payload holds the outbox key. */
export const DELIVERY_EVENT_TYPE = "briefing_delivery";

export interface FindDeliveredOptions {
  channel: string;
  deliveryId: string;
  /** Nothing older than this (epoch seconds) can be the delivery; bounds the scan. */
  oldestSec: number;
  maxPages?: number;
}

/**
 * Looks for a message already posted with this delivery id, for a send whose outcome is in doubt
 * (a crash or lost response after Slack may have accepted it). Slack has no idempotency key, so the
 * channel's recent history, with metadata, is the only witness. Returns its ts, or null.
 */
export async function findDeliveredMessage(client: Pick<webApi.WebClient, "conversations">, options: FindDeliveredOptions): Promise<string | null> {
  const maxPages = options.maxPages ?? 5;
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page += 1) {
    const history = await client.conversations.history({
      channel: options.channel,
      include_all_metadata: true,
      oldest: String(options.oldestSec),
      limit: 200,
      cursor,
    });
    for (const message of history.messages ?? []) {
      const metadata = message.metadata as { event_type?: string; event_payload?: { delivery_id?: unknown } } | undefined;
      if (metadata?.event_type === DELIVERY_EVENT_TYPE && metadata.event_payload?.delivery_id === options.deliveryId && message.ts) {
        return message.ts;
      }
    }
    cursor = history.response_metadata?.next_cursor || undefined;
    if (!history.has_more || !cursor) return null;
  }
  return null;
}
