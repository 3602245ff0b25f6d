import type { OutboundPayload } from "../../src/domain/outbound.js";
import { discordToHtml, escapeHtml, slackToHtml } from "./markup-to-html.js";

interface Block {
  type: string;
  text?: { type: string; text: string };
  elements?: Array<{ text: string }>;
}
interface Embed {
  title?: string;
  description?: string;
  color?: number;
  footer?: { text: string };
  timestamp?: string;
}

export function slackMessages(messages: OutboundPayload[]): string {
  return messages
    .map((message) => {
      if (message.kind !== "slack") return "";
      const blocks = (message.blocks as Block[]).map((block) => {
        switch (block.type) {
          case "header":
            return `<div class="s-header">${escapeHtml(block.text?.text ?? "").replace(/&amp;(amp|lt|gt);/g, "&$1;")}</div>`;
          case "section":
            return `<div class="s-section">${slackToHtml(block.text?.text ?? "")}</div>`;
          case "context":
            return `<div class="s-context">${(block.elements ?? []).map((e) => slackToHtml(e.text)).join(" ")}</div>`;
          default:
            return `<hr class="s-divider">`;
        }
      });
      return `<div class="s-msg"><div class="s-avatar">B</div><div><div class="s-name">briefing-bot <span class="s-app">APP</span> <span class="s-time">09:00</span></div>${blocks.join("")}</div></div>`;
    })
    .join("");
}

export function discordMessages(messages: OutboundPayload[]): string {
  return messages
    .map((message) => {
      if (message.kind !== "discord") return "";
      const embeds = (message.embeds as Embed[]).map((embed) => {
        const colour = `#${(embed.color ?? 0x4e5058).toString(16).padStart(6, "0")}`;
        const footer = embed.footer ? `<div class="d-footer">${escapeHtml(embed.footer.text)} • Today at 09:00</div>` : "";
        return `<div class="d-embed" style="border-left-color:${colour}"><div class="d-title">${discordToHtml(embed.title ?? "")}</div><div class="d-desc">${discordToHtml(embed.description ?? "")}</div>${footer}</div>`;
      });
      return `<div class="d-msg"><div class="d-avatar">B</div><div class="d-body"><div class="d-name">briefing-bot <span class="d-bot">APP</span> <span class="d-time">Today at 09:00</span></div><div class="d-content">${discordToHtml(message.content)}</div>${embeds.join("")}</div></div>`;
    })
    .join("");
}

export const STYLE = `
body { margin: 0; font: 15px/1.46 -apple-system, "Segoe UI", Helvetica, Arial, "Noto Sans CJK SC", "PingFang SC", sans-serif; background: #f4f4f5; color: #1d1c1d; }
main { display: grid; grid-template-columns: 1fr 1fr; gap: 24px; padding: 24px; align-items: start; }
h1 { font-size: 20px; margin: 24px 24px 0; } p.note { margin: 4px 24px 0; color: #555; max-width: 70em; }
h2 { font-size: 14px; text-transform: uppercase; letter-spacing: .06em; color: #666; margin: 0 0 8px; }
.slack { background: #fff; border: 1px solid #ddd; border-radius: 8px; padding: 12px 16px; }
.s-msg { display: flex; gap: 8px; padding: 8px 0; } .s-avatar, .d-avatar { flex: none; width: 36px; height: 36px; border-radius: 6px; background: #4a154b; color: #fff; font-weight: 700; display: grid; place-items: center; }
.s-name { font-weight: 900; } .s-app { font-size: 10px; font-weight: 700; background: #e8e8e8; color: #616061; padding: 1px 3px; border-radius: 2px; } .s-time { color: #616061; font-size: 12px; font-weight: 400; }
.s-header { font-size: 18px; font-weight: 900; margin: 4px 0; } .s-section { margin: 6px 0 2px; } .s-context { color: #616061; font-size: 12px; margin-bottom: 6px; }
.s-divider { border: 0; border-top: 1px solid #e2e2e2; margin: 10px 0; } .slack a { color: #1264a3; text-decoration: none; } .slack code { color: #e01e5a; background: #f6f6f6; border: 1px solid #ddd; border-radius: 3px; padding: 0 3px; font-size: 12px; }
.discord { background: #313338; color: #dbdee1; border-radius: 8px; padding: 12px 16px; }
.d-msg { display: flex; gap: 12px; padding: 8px 0; } .d-avatar { border-radius: 50%; background: #5865f2; width: 40px; height: 40px; } .d-body { min-width: 0; }
.d-name { color: #f2f3f5; font-weight: 600; } .d-bot { font-size: 10px; background: #5865f2; color: #fff; border-radius: 3px; padding: 1px 4px; } .d-time { color: #949ba4; font-size: 12px; font-weight: 400; }
.d-content { margin: 2px 0 6px; } .d-embed { background: #2b2d31; border-left: 4px solid; border-radius: 4px; padding: 8px 16px 12px 12px; margin: 6px 0; max-width: 520px; font-size: 14px; }
.d-title { color: #f2f3f5; font-weight: 600; margin: 4px 0 8px; } .d-desc { white-space: normal; } .d-footer { color: #b5bac1; font-size: 12px; margin-top: 8px; } .discord a { color: #00a8fc; text-decoration: none; }
`;
