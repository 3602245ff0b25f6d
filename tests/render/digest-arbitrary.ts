import fc from "fast-check";
import type { Digest, DigestStory } from "../../src/domain/digest.js";
import { HOSTILE_TEXT, HUGE_TITLE } from "../fixtures/render/hostile-text.js";

const chinese = fc
  .array(fc.constantFrom("网信办", "人工智能", "出口管制", "芯片", "英伟达", "，", "。", "“坚决反对”", "生成式", "征求意见"), { maxLength: 80 })
  .map((parts) => parts.join(""));
const emoji = fc.array(fc.constantFrom("😀", "👩‍💻", "🇨🇳", "👍🏽", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "❤️", " "), { maxLength: 60 }).map((parts) => parts.join(""));
const mixed = fc.array(fc.constantFrom(...HOSTILE_TEXT, "中文标题", "😀", " ", "word", "&", "<", ">"), { maxLength: 40 }).map((parts) => parts.join(" "));

/** Text a feed might send: ordinary, Chinese, emoji, hostile, huge, or any code points at all. */
export const feedText = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: "grapheme", maxLength: 120 }) },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_TEXT) },
  { weight: 2, arbitrary: mixed },
  { weight: 1, arbitrary: chinese },
  { weight: 1, arbitrary: emoji },
  { weight: 1, arbitrary: fc.string({ unit: "binary", minLength: 300, maxLength: 5000 }) },
  { weight: 1, arbitrary: fc.constant(HUGE_TITLE) },
);

const url = fc.oneof(
  { weight: 4, arbitrary: fc.webUrl({ withQueryParameters: true, withFragments: true }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      null,
      "javascript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "https://bank.com@evil.example/",
      "https://evil.example/a)b|c>d<e]f[g`h\\i",
      "http://[::1]/x",
      "https://例子.中国/路径?q=一",
      `https://example.org/${"x".repeat(3000)}`,
    ),
  },
);

/** A story whose title starts with a marker the order checks look for: `QZ<n>QZ`. */
const story = (index: number): fc.Arbitrary<DigestStory> =>
  fc.record({
    clusterId: fc.constant(`c${index}`),
    title: feedText.map((text) => `QZ${index}QZ ${text}`),
    url,
    sourceId: fc.constantFrom("policy-wire", "chip-daily", "zh-tech"),
    outlet: feedText,
    otherOutlets: fc.array(feedText, { maxLength: 12 }),
    publishedAt: fc.date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2026-02-01T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString()),
    matchedTerms: fc.array(feedText, { maxLength: 8 }),
    excerpt: feedText,
    score: fc.double({ min: 0, max: 20, noNaN: true }),
  });

/** A digest of 0–8 sections with 1–14 stories each (up to ~110 stories), hostile text everywhere. */
export const digestArbitrary: fc.Arbitrary<Digest> = fc
  .array(fc.record({ name: feedText, size: fc.integer({ min: 1, max: 14 }) }), { maxLength: 8 })
  .chain((shapes) => {
    let next = 0;
    const sections = shapes.map((shape, s) =>
      fc.tuple(...Array.from({ length: shape.size }, () => story(next++))).map((stories) => ({ topicId: `t${s}`, topicName: shape.name, stories })),
    );
    return fc.record({
      beat: feedText,
      generatedAt: fc.constant("2026-01-15T01:00:00.000Z"),
      timeZone: fc.constantFrom("Asia/Shanghai", "America/New_York", "Europe/Berlin", "UTC"),
      since: fc.option(fc.constant("2026-01-14T01:00:00.000Z")),
      sections: sections.length > 0 ? fc.tuple(...sections) : fc.constant([]),
      footer: fc.option(fc.record({ search: feedText, watch: feedText }), { nil: undefined }),
    });
  })
  .map((digest): Digest => {
    const sections: Digest["sections"] = [...digest.sections];
    return { ...digest, sections, storyCount: sections.reduce((n, s) => n + s.stories.length, 0) };
  });
