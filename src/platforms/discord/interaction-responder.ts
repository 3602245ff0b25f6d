import { MessageFlags, type APIEmbed, type InteractionReplyOptions, type RepliableInteraction } from "discord.js";
import type { OutboundPayload } from "../../domain/outbound.js";
import type { ReplyVisibility } from "../../domain/reply.js";
import { discordMessageBody } from "./discord-message-body.js";

/** Discord refuses a message with neither content nor embeds. */
const EMPTY_FALLBACK = "Nothing to show.";
const POSTED_NOTE = "Posted in this channel.";

export function textPayload(text: string): OutboundPayload {
  return { kind: "text", text };
}

type MessageOptions = Pick<InteractionReplyOptions, "content" | "embeds" | "allowedMentions"> & { flags: number };

/** A payload as discord.js interaction options: same body as a channel message, never a ping. */
export function interactionMessage(payload: OutboundPayload, ephemeral: boolean): MessageOptions {
  const body = discordMessageBody(payload);
  const embeds = body.embeds as APIEmbed[];
  const content = body.content === "" && embeds.length === 0 ? EMPTY_FALLBACK : body.content;
  return {
    content,
    embeds,
    allowedMentions: { parse: [], repliedUser: false },
    flags: (body.flags ?? 0) | (ephemeral ? MessageFlags.Ephemeral : 0),
  };
}

/** What an adapter does with one interaction: acknowledge (maybe deferred), then answer once. */
export interface InteractionResponder {
  /** Shows "thinking…" to the user only; the answer follows with `finish`. */
  defer(): Promise<void>;
  /** Sends the answer: the first message as the reply (or the edit of the deferred one), the rest as follow-ups. */
  finish(payloads: readonly OutboundPayload[], visibility: ReplyVisibility): Promise<void>;
}

/**
 * Deferrals are always ephemeral, since the reply's visibility is known only once the handler answers. A
 * channel answer after a deferral therefore edits the private "thinking…" into a short note and goes out
 * as public follow-ups; the first follow-up is never used to replace the deferred reply.
 */
export function createInteractionResponder(interaction: RepliableInteraction): InteractionResponder {
  let deferred = false;
  return {
    async defer() {
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      deferred = true;
    },
    async finish(payloads, visibility) {
      const ephemeral = visibility === "ephemeral";
      const queue = payloads.length > 0 ? [...payloads] : [textPayload(EMPTY_FALLBACK)];
      if (!deferred) {
        await interaction.reply(asReply(interactionMessage(queue.shift()!, ephemeral)));
      } else {
        const first = ephemeral ? queue.shift()! : textPayload(POSTED_NOTE);
        const { flags, ...edit } = interactionMessage(first, false);
        await interaction.editReply({ ...edit, flags: flags & MessageFlags.SuppressEmbeds });
      }
      for (const payload of queue) await interaction.followUp(asReply(interactionMessage(payload, ephemeral)));
    },
  };
}

/** discord.js types `flags` as a union of named bits; the number we built holds only allowed ones. */
function asReply(options: MessageOptions): InteractionReplyOptions {
  return options as InteractionReplyOptions;
}
