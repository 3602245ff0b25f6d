import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileMatcher } from "../../src/match/index.js";
import { item, NOW } from "./match-helpers.js";

interface HardCase {
  query: string;
  title: string;
  match: boolean;
  why: string;
}

const fixture = JSON.parse(readFileSync(new URL("../fixtures/match/hard-cases.json", import.meta.url), "utf8")) as {
  aliases: Record<string, string>;
  cases: HardCase[];
};

describe("the design's hard cases", () => {
  it.each(fixture.cases)("$query on $title → $match ($why)", ({ query, title, match }) => {
    const matcher = compileMatcher({ queries: [{ id: "topic", query }], aliases: fixture.aliases });
    expect(matcher.match(item({ title }), NOW).length > 0).toBe(match);
  });

  it("runs every case through one compiled matcher with the same answers", () => {
    const matcher = compileMatcher({
      queries: fixture.cases.map((c, i) => ({ id: `case-${i}`, query: c.query })),
      aliases: fixture.aliases,
    });
    for (const [i, c] of fixture.cases.entries()) {
      const ids = matcher.match(item({ title: c.title }), NOW).map((m) => m.topicId);
      expect(ids.includes(`case-${i}`), `${c.query} on ${c.title}`).toBe(c.match);
    }
  });
});
