import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DISCORD_ATOMS } from "../../src/render/escape-discord.js";
import { SLACK_ATOMS } from "../../src/render/escape-slack.js";
import { truncate } from "../../src/render/truncate.js";

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe("truncate", () => {
  it.each([
    ["short text is left alone", "China clears H200 sales", 40, "China clears H200 sales"],
    ["cuts at the last space", "China clears ByteDance, Alibaba and Tencent to buy H200", 30, "China clears ByteDance…"],
    ["drops a trailing comma", "alpha beta, gamma delta epsilon", 17, "alpha beta…"],
    ["cuts Chinese at a word boundary", "网信办就生成式人工智能服务管理办法公开征求意见", 10, "网信办就生成式人工…"],
    ["never splits a surrogate pair", "😀😀😀😀😀", 4, "😀…"],
    ["never splits an emoji sequence", "👩‍👩‍👧‍👦👩‍👩‍👧‍👦", 14, "👩‍👩‍👧‍👦…"],
    ["drops a URL it cannot keep whole", "read this https://example.org/a/very/long/path/indeed now", 30, "read this…"],
    ["drops an escaped Discord URL whole", "read https\\:\\/\\/example\\.org\\/long\\/path now", 20, "read…"],
    ["a budget of one is just the ellipsis", "abcdef", 1, "…"],
  ])("%s", (_name, text, max, expected) => {
    expect(truncate(text, max)).toBe(expected);
  });

  it.each([
    ["an entity", "fish &amp; chips &amp; more", 14, "fish &amp;…"],
    ["a link token", "see <https://example.org/x|the full story> today", 30, "see…"],
    ["a link token with spaces kept whole when it fits", "<https://e.org|a b c> d e f g h", 24, "<https://e.org|a b c> d…"],
  ])("keeps Slack atoms whole: %s", (_name, text, max, expected) => {
    expect(truncate(text, max, { atoms: SLACK_ATOMS })).toBe(expected);
  });

  it("keeps Discord escapes and links whole", () => {
    expect(truncate("a\\*b\\*c\\*d\\*e", 4, { atoms: DISCORD_ATOMS })).toBe("a\\*…");
    expect(truncate("**[Title words](https://example.org/a)** more words", 30, { atoms: DISCORD_ATOMS })).toBe("**…");
  });

  it("is a prefix plus an ellipsis, within the limit, with no broken character", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 400 }), fc.integer({ min: 1, max: 300 }), (text, max) => {
        const out = truncate(text, max);
        expect(out.length).toBeLessThanOrEqual(max);
        if (text.length <= max) {
          expect(out).toBe(text);
          return;
        }
        expect(out.endsWith("…")).toBe(true);
        expect(text.startsWith(out.slice(0, -1))).toBe(true);
        expect(LONE_SURROGATE.test(out)).toBe(false);
      }),
    );
  });

  it("never leaves half an entity or a half-open link token in Slack text", () => {
    const piece = fc.constantFrom("&amp;", "&lt;", "&gt;", "<https://e.org/x|label text>", "word", " ", "中文", "😀");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), fc.integer({ min: 1, max: 120 }), (pieces, max) => {
        const out = truncate(pieces.join(""), max, { atoms: SLACK_ATOMS }).replace(/…$/, "");
        expect(out.replace(/&(?:amp|lt|gt);/g, "")).not.toMatch(/&/);
        expect(out.replace(/<[^<>]*>/g, "")).not.toMatch(/[<>]/);
      }),
    );
  });
});
