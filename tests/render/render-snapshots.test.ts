import { describe, expect, it } from "vitest";
import type { Digest } from "../../src/domain/digest.js";
import { renderDigest, type RenderFormat } from "../../src/render/index.js";
import { HOSTILE_TEXT } from "../fixtures/render/hostile-text.js";
import { sampleDigest } from "../fixtures/render/load-sample.js";

const FORMATS: RenderFormat[] = ["text", "slack", "discord"];

function snapshotOf(digest: Digest, format: RenderFormat): string {
  const messages = renderDigest(digest, format);
  if (format === "text") return messages.map((m) => (m.kind === "text" ? m.text : "")).join("\n\n---\n\n");
  return JSON.stringify(messages, null, 2);
}

/** Every hostile string of bad-inputs.md section E, as title, excerpt, outlet and term of one story each. */
function hostileDigest(): Digest {
  const base = sampleDigest();
  return {
    ...base,
    beat: "China AI policy <!channel> @everyone",
    storyCount: HOSTILE_TEXT.length,
    sections: [
      {
        topicId: "hostile",
        topicName: "[Urgent](https://evil.example) <!here>",
        stories: HOSTILE_TEXT.map((text, index) => ({
          clusterId: `hostile-${index}`,
          title: text,
          url: index % 3 === 0 ? "javascript:alert(1)" : `https://news.example.org/story/${index}?a=(1)|b`,
          sourceId: "hostile-feed",
          outlet: index % 2 === 0 ? "@here Outlet" : "<@U123>",
          otherOutlets: index % 4 === 0 ? ["[bank.com](https://evil.example)", "<!channel>"] : [],
          publishedAt: "2026-01-14T20:00:00.000Z",
          matchedTerms: ["@everyone", "export controls"],
          excerpt: HOSTILE_TEXT[(index + 1) % HOSTILE_TEXT.length] ?? "",
          score: 1,
        })),
      },
    ],
  };
}

describe("the sample digest (the China AI policy story of design.md)", () => {
  it.each(FORMATS)("renders as %s exactly as reviewed", async (format) => {
    const extension = format === "text" ? "txt" : "json";
    await expect(snapshotOf(sampleDigest(), format)).toMatchFileSnapshot(`./__snapshots__/sample.${format}.${extension}`);
  });
});

describe("a digest of hostile feed text (bad-inputs.md section E)", () => {
  it.each(FORMATS)("renders as %s exactly as reviewed", async (format) => {
    const extension = format === "text" ? "txt" : "json";
    await expect(snapshotOf(hostileDigest(), format)).toMatchFileSnapshot(`./__snapshots__/hostile.${format}.${extension}`);
  });
});

describe("the empty-window note", () => {
  const empty: Digest = { ...sampleDigest(), storyCount: 0, sections: [] };

  it("is one line on every platform", () => {
    expect(renderDigest(empty, "text")).toEqual([{ kind: "text", text: "China AI policy: nothing new since Wed 14 Jan 2026, 09:00 (Asia/Shanghai)." }]);
    expect(renderDigest(empty, "slack")).toEqual([
      {
        kind: "slack",
        text: "China AI policy: nothing new since Wed 14 Jan 2026, 09:00 (Asia/Shanghai).",
        blocks: [{ type: "section", text: { type: "mrkdwn", text: "China AI policy: nothing new since Wed 14 Jan 2026, 09:00 (Asia/Shanghai).", verbatim: true } }],
        unfurl_links: false,
        unfurl_media: false,
      },
    ]);
    expect(renderDigest(empty, "discord")).toEqual([
      {
        kind: "discord",
        content: "China AI policy\\: nothing new since Wed 14 Jan 2026, 09\\:00 \\(Asia/Shanghai\\)\\.",
        embeds: [],
        allowed_mentions: { parse: [], replied_user: false },
      },
    ]);
  });

  it("says 'yet' for a digest that never ran", () => {
    expect(renderDigest({ ...empty, since: null }, "text")).toEqual([{ kind: "text", text: "China AI policy: nothing new yet." }]);
  });
});
