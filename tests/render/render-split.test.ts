import { describe, expect, it } from "vitest";
import type { Digest, DigestStory } from "../../src/domain/digest.js";
import { renderDigest } from "../../src/render/index.js";
import { HUGE_TITLE } from "../fixtures/render/hostile-text.js";
import { sampleDigest } from "../fixtures/render/load-sample.js";
import { checkDiscordLimits, checkSlackLimits, textsOf } from "./output-checks.js";

function story(index: number, overrides: Partial<DigestStory> = {}): DigestStory {
  return {
    clusterId: `c${index}`,
    title: `Story ${index}: export controls on AI chips tighten again as ministries respond`,
    url: `https://news.example.org/${index}`,
    sourceId: "policy-wire",
    outlet: "Policy Wire",
    otherOutlets: ["Chip Daily", "科技政策速递"],
    publishedAt: "2026-01-14T20:00:00.000Z",
    matchedTerms: ["export controls", "AI chips"],
    excerpt: "A long excerpt that fills the line. ".repeat(10),
    score: 100 - index,
    ...overrides,
  };
}

function digestOf(sizes: number[], overrides: Partial<DigestStory> = {}): Digest {
  let next = 0;
  const sections = sizes.map((size, s) => ({ topicId: `t${s}`, topicName: `Topic ${s}`, stories: Array.from({ length: size }, () => story(next++, overrides)) }));
  return { ...sampleDigest(), storyCount: next, sections };
}

const storyNumbers = (texts: string[]) => texts.flatMap((text) => [...text.matchAll(/Story (\d+)\\?:/g)].map((m) => Number(m[1])));

describe("long digests split into several messages, in order", () => {
  it.each([
    [30, 2],
    [100, 5],
  ])("%i stories make %i Slack messages of at most 50 blocks", (count, messages) => {
    const digest = digestOf([Math.ceil(count / 2), Math.floor(count / 2)]);
    const out = renderDigest(digest, "slack");
    expect(out).toHaveLength(messages);
    out.forEach((message, index) => {
      if (message.kind !== "slack") throw new Error("not slack");
      checkSlackLimits(message);
      expect(message.text).toContain(`(${index + 1}/${messages})`);
      if (index > 0) expect(JSON.stringify(message.blocks[0])).toContain(`continued (${index + 1}/${messages})`);
    });
    expect(storyNumbers(out.flatMap(textsOf))).toEqual(Array.from({ length: count }, (_, i) => i));
  });

  it("never leaves a topic heading at the foot of a Slack message without its first story", () => {
    const out = renderDigest(digestOf([24, 24, 24]), "slack");
    for (const message of out) {
      if (message.kind !== "slack") throw new Error("not slack");
      const last = message.blocks.at(-1) as { type: string; text?: { text: string } };
      expect(last.text?.text ?? "").not.toMatch(/^\*Topic \d+\*$/);
    }
  });

  it.each([
    [6, 1],
    [40, 5],
  ])("%i stories make %i Discord messages within 10 embeds and 6,000 characters", (count, messages) => {
    const out = renderDigest(digestOf([count]), "discord");
    expect(out).toHaveLength(messages);
    out.forEach((message, index) => {
      if (message.kind !== "discord") throw new Error("not discord");
      checkDiscordLimits(message);
      if (messages > 1) expect(message.content).toContain(`(${index + 1}/${messages})`);
    });
    expect(storyNumbers(out.flatMap(textsOf))).toEqual(Array.from({ length: count }, (_, i) => i));
  });

  it("continues a topic in a second embed when its stories overflow a description", () => {
    const out = renderDigest(digestOf([20]), "discord");
    const titles = out.flatMap((m) => (m.kind === "discord" ? (m.embeds as Array<{ title: string }>).map((e) => e.title) : []));
    expect(titles[0]).toBe("Topic 0");
    expect(titles.slice(1).every((title) => title === "Topic 0 \\(continued\\)")).toBe(true);
  });

  it("puts the footer once, on the very last embed", () => {
    const out = renderDigest(digestOf([40]), "discord");
    const embeds = out.flatMap((m) => (m.kind === "discord" ? (m.embeds as Array<{ footer?: { text: string } }>) : []));
    expect(embeds.filter((e) => e.footer)).toHaveLength(1);
    expect(embeds.at(-1)?.footer?.text).toBe('Search the archive: /brief search H200 since:7d · Get alerts: /brief watch "export controls"');
  });
});

describe("a 100 KB title", () => {
  it.each(["slack", "discord", "text"] as const)("is shortened with an ellipsis in %s and the message is accepted", (format) => {
    const out = renderDigest(digestOf([1], { title: HUGE_TITLE, excerpt: HUGE_TITLE }), format);
    expect(out).toHaveLength(1);
    const text = textsOf(out[0]!).join("\n");
    expect(text).toContain("export controls export controls");
    expect(text).toContain("…");
    expect(text.length).toBeLessThan(6000);
    expect(text).not.toContain("evil.example");
  });
});
