import type { OutboxMessage } from "../../../domain/outbound.js";
import { DeliveryError } from "../../../outbox/delivery-error.js";
import type { Sender } from "../../../outbox/sender.js";

/** `slack:T0123/#general` → team `T0123`, target `slack:#general`; an unqualified target has no team. */
export function splitSlackTarget(target: string): { teamId: string | null; target: string } {
  const match = /^slack:([TE][A-Z0-9]+)\/(.+)$/.exec(target);
  return match ? { teamId: match[1]!, target: `slack:${match[2]}` } : { teamId: null, target };
}

export interface WorkspaceSenderOptions {
  /** The SLACK_BOT_TOKEN sender and its team; null when every workspace comes from OAuth. */
  single: { teamId(): Promise<string | null>; sender: Sender } | null;
  /** The sender of an installed workspace, or null when it is not (or no longer) installed. */
  senderOfTeam(teamId: string): Promise<Sender | null>;
}

/**
 * Sends each outbox message with the token of its target's workspace. Unqualified targets
 * (`slack:#channel`) go through SLACK_BOT_TOKEN as they always did. A workspace that uninstalled the
 * app is a permanent failure of that target, so the relay pauses it and keeps its messages.
 */
export function createWorkspaceSender(options: WorkspaceSenderOptions): Sender {
  return {
    async send(message: OutboxMessage) {
      const { teamId, target } = splitSlackTarget(message.target);
      const inner: OutboxMessage = { ...message, target };
      if (teamId === null) {
        if (!options.single) throw new DeliveryError("permanent", `slack target ${message.target} names no workspace, and there is no SLACK_BOT_TOKEN`);
        return options.single.sender.send(inner);
      }
      const sender = (await options.senderOfTeam(teamId)) ?? (options.single && (await options.single.teamId()) === teamId ? options.single.sender : null);
      if (!sender) throw new DeliveryError("permanent", `briefing-bot is not installed in Slack workspace ${teamId} (uninstalled or tokens revoked)`);
      try {
        return await sender.send(inner);
      } catch (error) {
        // One workspace's dead token must not stop Slack for every workspace: it pauses only its targets.
        if (error instanceof DeliveryError && error.scope === "platform") {
          throw new DeliveryError("permanent", `${error.message} (Slack workspace ${teamId})`, { cause: error, scope: "target" });
        }
        throw error;
      }
    },
  };
}
