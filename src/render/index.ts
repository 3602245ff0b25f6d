import type { Digest } from "../domain/digest.js";
import type { OutboundPayload } from "../domain/outbound.js";
import { assertWithinLimits } from "./limit-schemas.js";
import { renderDiscord } from "./render-discord.js";
import { renderSlack } from "./render-slack.js";
import { renderText } from "./render-text.js";

export type RenderFormat = "text" | "slack" | "discord";

/**
 * Renders one digest as the messages a platform will receive, in order. A digest without stories becomes
 * the one-line empty-window note. Every message is checked against the platform's limits before it leaves.
 */
export function renderDigest(digest: Digest, format: RenderFormat): OutboundPayload[] {
  const messages = renderers[format](digest);
  messages.forEach(assertWithinLimits);
  return messages;
}

const renderers: Record<RenderFormat, (digest: Digest) => OutboundPayload[]> = {
  text: renderText,
  slack: renderSlack,
  discord: renderDiscord,
};

export { renderReply } from "./render-reply.js";
export { renderAlert } from "./render-alert.js";
export { DISCORD_LIMITS, SLACK_LIMITS } from "./limits.js";
export { discordPayloadSchema, slackPayloadSchema, assertWithinLimits } from "./limit-schemas.js";
export { escapeSlack } from "./escape-slack.js";
export { escapeDiscord, plainDiscord } from "./escape-discord.js";
export { renderNotice } from "./render-notice.js";
export { renderExplain } from "./render-explain.js";
