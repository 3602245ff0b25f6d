import { describe, expect, it } from "vitest";
import { escapeDiscord, plainDiscord } from "../../src/render/escape-discord.js";
import { escapeSlack } from "../../src/render/escape-slack.js";
import { linkHref } from "../../src/render/link-href.js";

describe("escapeSlack", () => {
  it.each([
    ["<!channel> now", "&lt;!channel&gt; now"],
    ["<@U123> and <#C1|general>", "&lt;@U123&gt; and &lt;#C1|general&gt;"],
    ["<https://evil|Your bank>", "&lt;https://evil|Your bank&gt;"],
    ["&lt;!here&gt;", "&amp;lt;!here&amp;gt;"],
    ["R&D", "R&amp;D"],
    ["＜!channel＞", "＜!channel＞"],
    ["@channel and @here", "@\u200Dchannel and @\u200Dhere"],
  ])("%s", (input, expected) => {
    expect(escapeSlack(input)).toBe(expected);
  });
});

describe("escapeDiscord", () => {
  it.each([
    ["@everyone", "\\@\u200Deveryone"],
    ["@here now", "\\@\u200Dhere now"],
    ["<@123>", "\\<\\@123\\>"],
    ["[bank.com](https://evil)", "\\[bank\\.com\\]\\(https\\://evil\\)"],
    ["||spoiler|| *b* _i_ ~s~ `c`", "\\|\\|spoiler\\|\\| \\*b\\* \\_i\\_ \\~s\\~ \\`c\\`"],
    ["# heading", "\\# heading"],
    ["U.S. export-controls", "U\\.S\\. export\\-controls"],
    ["It's \"fine\", really; 100%!", "It's \"fine\", really; 100%!"],
  ])("%s", (input, expected) => {
    expect(escapeDiscord(input)).toBe(expected);
  });

  it("breaks mass mentions where markdown is not rendered", () => {
    expect(plainDiscord("@everyone *look*")).toBe("@\u200Deveryone *look*");
  });
});

describe("linkHref", () => {
  it.each([
    ["https://example.org/a?b=1#c", "https://example.org/a?b=1#c"],
    ["http://example.org/", "http://example.org/"],
    ["https://example.org/a(b)|c", "https://example.org/a%28b%29%7Cc"],
    ["https://example.org/a b", "https://example.org/a%20b"],
    ["https://例子.中国/路径", "https://xn--fsqu00a.xn--fiqs8s/%E8%B7%AF%E5%BE%84"],
    ["http://[::1]/x", "http://[::1]/x"],
    ["javascript:alert(1)", null],
    ["data:text/html,<script>", null],
    ["ftp://example.org/file", null],
    ["https://bank.com@evil.example/", null],
    ["/relative/path", null],
    [`https://example.org/${"a".repeat(2000)}`, null],
    [null, null],
  ])("%s", (input, expected) => {
    expect(linkHref(input)).toBe(expected);
  });
});
