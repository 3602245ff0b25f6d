import { describe, expect, it } from "vitest";
import { parseSlackCommandText, slackTextToPlain } from "../../../src/platforms/slack/parse-slack-command-text.js";

describe("slackTextToPlain", () => {
  it.each([
    ["AT&amp;T NEAR/5 5G", "AT&T NEAR/5 5G"],
    ["site <https://example.com/a?b=1|example.com/a?b=1>", "site https://example.com/a?b=1"],
    ["<https://example.com>", "https://example.com"],
    ["from <@U0123|alice> and <@U0456>", "from @alice and @U0456"],
    ["<!channel> <!subteam^S123|@team>", "@channel @subteam"],
    ["a &gt; b", "a > b"],
    ["typed &lt;#C0999|x&gt; stays text", "typed &lt;#C0999|x> stays text"],
    ["<#C0123|ops> is kept for the parser", "<#C0123|ops> is kept for the parser"],
  ])("%j → %j", (text, plain) => {
    expect(slackTextToPlain(text)).toBe(plain);
  });
});

describe("parseSlackCommandText", () => {
  it("takes the channel from a real mention only", () => {
    expect(parseSlackCommandText("watch chips in <#C0123|ops>")).toEqual({ name: "watch", query: "chips", channel: "C0123" });
    expect(parseSlackCommandText("watch chips in &lt;#C0999|x&gt;")).toEqual({ name: "watch", query: "chips in &lt;#C0999|x>", channel: null });
  });

  it("unescapes the query", () => {
    expect(parseSlackCommandText('search "AT&amp;T" -rumour')).toEqual({ name: "search", query: '"AT&T" -rumour' });
  });
});
