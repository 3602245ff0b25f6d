import type { OutboundPayload } from "../domain/outbound.js";
import { cleanText, clip } from "./clean-text.js";
import { DISCORD_ATOMS, escapeDiscord } from "./escape-discord.js";
import { escapeSlack, SLACK_ATOMS } from "./escape-slack.js";
import { DISCORD_LIMITS, SLACK_LIMITS } from "./limits.js";
import { truncate } from "./truncate.js";

/** Lines of text cleaned and escaped one by one, so a notice keeps its line breaks. */
function lines(text: string, escape: (line: string) => string): string {
  return clip(text, 20_000)
    .split(/\r?\n/)
    .map(escape)
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/**
 * A short plain-text notice (a command's answer, an error) for a platform: escaped like digest text, so
 * whatever a user or feed put in it reads as text, and within the platform's limits.
 */
export function renderNotice(text: string, format: "text" | "slack" | "discord"): OutboundPayload {
  switch (format) {
    case "text":
      return { kind: "text", text: lines(text, cleanText) || " " };
    case "slack": {
      const body = truncate(lines(text, escapeSlack) || " ", SLACK_LIMITS.sectionText, { atoms: SLACK_ATOMS });
      return {
        kind: "slack",
        text: truncate(body, SLACK_LIMITS.fallbackText, { atoms: SLACK_ATOMS }),
        blocks: [{ type: "section", text: { type: "mrkdwn", text: body, verbatim: true } }],
        unfurl_links: false,
        unfurl_media: false,
      };
    }
    case "discord":
      return {
        kind: "discord",
        content: truncate(lines(text, escapeDiscord) || " ", DISCORD_LIMITS.content, { atoms: DISCORD_ATOMS }),
        embeds: [],
        allowed_mentions: { parse: [], replied_user: false },
      };
  }
}
