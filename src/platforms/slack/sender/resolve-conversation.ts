import type { webApi } from "@slack/bolt";
import { DeliveryError } from "../../../outbox/delivery-error.js";

/** Where one outbox target goes in Slack. */
export interface SlackDestination {
  /** `channel` for chat.postMessage: a conversation id, or a user id for a DM. */
  postTo: string;
  /** A DM's user id; null for a channel. */
  dmUser: string | null;
}

export interface ConversationResolver {
  /** `slack:#name`, `slack:C0123` or `slack:@U0123` → where to post; unknown names are a permanent error. */
  destination(target: string): Promise<SlackDestination>;
  /** The conversation id whose history holds what was posted to the destination (a DM's D… id). */
  historyChannel(destination: SlackDestination): Promise<string>;
  /** Notes the conversation chat.postMessage reported, so a DM's id is known without asking. */
  remember(destination: SlackDestination, channelId: string | undefined): void;
}

type Client = Pick<webApi.WebClient, "conversations">;

/** Channel names are looked up once (ids never change, names can); DM ids once per user. */
export function createConversationResolver(client: Client): ConversationResolver {
  const byName = new Map<string, string>();
  const dmByUser = new Map<string, string>();

  async function idOfName(name: string): Promise<string> {
    const known = byName.get(name);
    if (known) return known;
    let cursor: string | undefined;
    do {
      const page = await client.conversations.list({ types: "public_channel,private_channel", exclude_archived: true, limit: 1000, cursor });
      for (const channel of page.channels ?? []) {
        if (channel.name && channel.id) byName.set(channel.name, channel.id);
      }
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor && !byName.has(name));
    const id = byName.get(name);
    if (!id) throw new DeliveryError("permanent", `slack channel_not_found: #${name} (is the bot invited?)`);
    return id;
  }

  return {
    async destination(target) {
      const rest = target.startsWith("slack:") ? target.slice("slack:".length) : null;
      if (rest?.startsWith("#") && rest.length > 1) return { postTo: await idOfName(rest.slice(1)), dmUser: null };
      if (rest?.startsWith("@") && /^@[UW][A-Z0-9]+$/.test(rest)) return { postTo: rest.slice(1), dmUser: rest.slice(1) };
      if (rest && /^[CGD][A-Z0-9]+$/.test(rest)) return { postTo: rest, dmUser: null };
      throw new DeliveryError("permanent", `not a Slack target: ${target}`);
    },
    async historyChannel(destination) {
      if (destination.dmUser === null) return destination.postTo;
      const known = dmByUser.get(destination.dmUser);
      if (known) return known;
      const opened = await client.conversations.open({ users: destination.dmUser });
      const id = opened.channel?.id;
      if (!id) throw new DeliveryError("retry", "slack conversations.open returned no channel");
      dmByUser.set(destination.dmUser, id);
      return id;
    },
    remember(destination, channelId) {
      if (destination.dmUser !== null && channelId) dmByUser.set(destination.dmUser, channelId);
    },
  };
}
