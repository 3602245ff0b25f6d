import { MessageFlags } from "discord.js";
import type { OutboundPayload } from "../../domain/outbound.js";
import { DeliveryError } from "../../outbox/delivery-error.js";

/** Nothing in a message may ping: set on every path, whatever the renderer put in the payload. */
export const NO_MENTIONS = { parse: [] as [], replied_user: false as const };

/** A Discord message body as the REST API takes it (create message, execute webhook, interaction data). */
export interface DiscordMessageBody {
  content: string;
  embeds: unknown[];
  allowed_mentions: typeof NO_MENTIONS;
  flags?: number;
  [field: string]: unknown;
}

/**
 * The API body for a payload: every field the renderer set goes through as it is, `allowed_mentions` is
 * forced to parse nothing, and a payload asking for `suppress_embeds` gets the SUPPRESS_EMBEDS flag.
 * A plain-text payload becomes the content; a Slack-rendered one cannot be shown on Discord.
 */
export function discordMessageBody(payload: OutboundPayload): DiscordMessageBody {
  switch (payload.kind) {
    case "text":
      return { content: payload.text, embeds: [], allowed_mentions: NO_MENTIONS };
    case "slack":
      throw new DeliveryError("permanent", "a message rendered for Slack cannot be sent to Discord");
    case "discord": {
      // `flags` and `suppress_embeds` are not in the payload type today; honoured if a renderer adds them.
      const { kind: _kind, suppress_embeds: suppress, flags: given, ...fields } = payload as typeof payload & { suppress_embeds?: unknown; flags?: unknown };
      const flags = (typeof given === "number" ? given : 0) | (suppress === true ? MessageFlags.SuppressEmbeds : 0);
      return { ...fields, allowed_mentions: NO_MENTIONS, ...(flags !== 0 ? { flags } : {}) };
    }
  }
}
