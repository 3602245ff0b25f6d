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
export function renderNotice(text: string, format: "text" | "slack" | "discord", code?: string): OutboundPayload {
  const block = code === undefined ? "" : codeBlock(code, format);
  switch (format) {
    case "text":
      return { kind: "text", text: (lines(text, cleanText) || " ") + block };
    case "slack": {
      const body = truncate((lines(text, escapeSlack) || " ") + block, SLACK_LIMITS.sectionText, { atoms: SLACK_ATOMS });
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
        content: truncate((lines(text, escapeDiscord) || " ") + block, DISCORD_LIMITS.content, { atoms: DISCORD_ATOMS }),
        embeds: [],
        allowed_mentions: { parse: [], replied_user: false },
      };
  }
}

/**
 * Preformatted lines in a code block, spacing kept so a caret stays under its column. Inside a code block
 * nothing formats, links or mentions; backticks are swapped so the block cannot be closed early.
 */
function codeBlock(code: string, format: "text" | "slack" | "discord"): string {
  const body = clip(code, 2_000).replace(/[\u200B-\u200F\u202A-\u202E\u2066-\u2069]/g, "").replace(/`/g, "ˋ");
  if (format === "text") return `\n${body}`;
  return `\n\`\`\`\n${format === "slack" ? body.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;") : body}\n\`\`\``;
}
