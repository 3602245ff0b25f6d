import type { Invoker } from "./brief-command.js";

/** The invoker's channel as an outbox target; a Slack workspace installed by OAuth names its team, so its own token posts. */
export function channelDigestTarget(invoker: Invoker): string {
  return invoker.platform === "slack" ? `slack:${invoker.targetScope ?? ""}${invoker.channelId}` : `${invoker.platform}:${invoker.channelId}`;
}
