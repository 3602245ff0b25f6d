import { describe, expect, it } from "vitest";
import { assertWithinLimits, renderReply } from "../../src/render/index.js";
import { renderNotice } from "../../src/render/render-notice.js";

describe("renderNotice", () => {
  it.each([
    ["text", { kind: "text", text: "Watching export controls\nStop with /brief unwatch w1" }],
    [
      "slack",
      {
        kind: "slack",
        text: "Watching export controls\nStop with /brief unwatch w1",
        blocks: [{ type: "section", text: { type: "mrkdwn", text: "Watching export controls\nStop with /brief unwatch w1", verbatim: true } }],
        unfurl_links: false,
        unfurl_media: false,
      },
    ],
    ["discord", { kind: "discord", content: "Watching export controls\nStop with /brief unwatch w1", embeds: [], allowed_mentions: { parse: [], replied_user: false } }],
  ] as const)("keeps line breaks in %s", (format, expected) => {
    expect(renderNotice("Watching export controls\nStop with /brief unwatch w1", format)).toEqual(expected);
  });

  it.each(["slack", "discord"] as const)("escapes what a user typed and stays within %s limits", (format) => {
    const payload = renderNotice(`No story matches <!channel> @everyone [x](https://evil.example) ${"long ".repeat(2000)}`, format);
    assertWithinLimits(payload);
    const text = JSON.stringify(payload);
    expect(text).not.toContain("<!channel>");
    expect(text).not.toMatch(/@everyone/);
  });

  it("renders a text reply as a notice", () => {
    const out = renderReply({ visibility: "ephemeral", kind: "text", text: "ok" }, "discord");
    expect(out).toEqual([{ kind: "discord", content: "ok", embeds: [], allowed_mentions: { parse: [], replied_user: false } }]);
  });
});
