import { describe, expect, it } from "vitest";
import { parseConfigText } from "../../src/config/load-config.js";
import { createManualClock } from "../../src/domain/clock.js";
import { BriefingError } from "../../src/domain/errors.js";
import { createSearchService, parseSearchFilters } from "../../src/search/index.js";
import type { ItemToStore } from "../../src/store/index.js";
import { compileSearchQuery } from "../../src/runtime/search-query.js";
import { freshStoreEach, storeEngines, type StoreUnderTest } from "../fakes/store-engines.js";

const now = new Date("2026-01-20T00:00:00.000Z");

describe("parseSearchFilters", () => {
  const db = freshStoreEach("sqlite");

  it.each([
    ["H200 since:7d", { query: "H200", since: "2026-01-13T00:00:00.000Z", before: null, topicIds: [] }],
    ["since:2026-01-01 before:2026-01-31 CAC", { query: "CAC", since: "2026-01-01T00:00:00.000Z", before: "2026-01-31T00:00:00.000Z" }],
    ["chips topic:ai-chips source:wire", { query: "chips source:wire", topicIds: ["ai-chips"], sourceIds: ["wire"] }],
  ])("reads %s", (text, expected) => {
    const filters = parseSearchFilters(text, now);
    expect({ ...filters, query: filters.query.replace(/\s+/g, " ").trim() }).toMatchObject(expected);
  });

  it("keeps the query's columns as typed, so an error's caret lands under the user's text", async () => {
    const error = await (await archive(db())).search({ text: "since:7d (H200", limit: 5 }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: "QueryError", column: 14 });
  });

  it("names the filter and its column when a time is wrong", () => {
    expect(() => parseSearchFilters("H200 since:yesterday", now)).toThrowError(/since: at column 6: "yesterday" is not a time/);
    expect(() => parseSearchFilters("H200 since:yesterday", now)).toThrowError(BriefingError);
  });
});

function item(id: string, title: string, summary: string, publishedAt: string, clusterId = id): ItemToStore {
  return {
    id, sourceId: id.startsWith("zh") ? "zh-tech" : "wire", guid: id, link: `https://example.org/${id}`, url: `https://example.org/${id}`,
    title, summary, content: "", author: null, language: null, publishedAt, dateMissing: false,
    matches: [{ topicId: "ai-chips", score: 1, terms: [], fields: {} }], passedTopicIds: id === "h200a" ? ["ai-chips"] : [], clusterId,
  };
}

async function archive(db: StoreUnderTest) {
  await db.store.saveItems(
    [
      item("h200a", "China clears Nvidia H200 purchases", "Three firms may buy the chips.", "2026-01-14T08:00:00.000Z", "story-h200"),
      item("h200b", "Beijing approves H-200 imports", "Conditions apply to the accelerators.", "2026-01-14T11:00:00.000Z", "story-h200"),
      item("cac40", "CAC 40 ends higher", "Luxury stocks led the Paris index.", "2026-01-14T17:00:00.000Z"),
      item("cache", "Browser cache limits grow", "Offline apps get more storage.", "2026-01-13T12:00:00.000Z"),
      item("rules", "CAC drafts generative AI rules", "Security reviews and export controls for providers.", "2023-04-11T09:00:00.000Z"),
      item("zh1", "商务部回应出口管制新规", "中方坚决反对滥用出口管制措施。", "2025-01-14T03:00:00.000Z"),
      item("zh2", "新能源汽车下乡", "活动覆盖多个省份，芯片不在其中。", "2026-01-09T01:00:00.000Z"),
    ],
    "2026-01-15T00:00:00.000Z",
  );
  const { config } = parseConfigText("sources: [{ id: wire, path: x }]\ntopics: [{ id: ai-chips, name: AI chips, query: H200 }]\n", "t.yaml");
  return createSearchService({
    index: db.searchIndex(),
    compile: (query) => compileSearchQuery(query, config),
    clock: createManualClock(now),
    beat: "Test",
    timeZone: "UTC",
    outletOf: (id) => id.toUpperCase(),
  });
}

describe.each(storeEngines)("archive search on %s", (engine) => {
  const db = freshStoreEach(engine);
  const titles = async (text: string) =>
    (await (await archive(db())).search({ text, limit: 10 })).sections.flatMap((s) => s.stories.map((story) => story.title));

  it("folds a story told twice into one result with the other outlet named", async () => {
    const result = await (await archive(db())).search({ text: "H200", limit: 10 });
    expect(result.storyCount).toBe(1);
    expect(result.sections[0]?.stories[0]?.matchedTerms).toEqual(["H200"]);
  });

  it.each([
    ["CAC", ["CAC drafts generative AI rules", "CAC 40 ends higher"]],
    ['CAC -"CAC 40"', ["CAC drafts generative AI rules"]],
    ["出口管制", ["商务部回应出口管制新规"]],
    ["芯片", ["新能源汽车下乡"]],
    ["CAC since:7d", ["CAC 40 ends higher"]],
    ["H200 topic:ai-chips", ["China clears Nvidia H200 purchases"]],
    ["cache", ["Browser cache limits grow"]],
  ])("finds %s", async (query, expected) => {
    expect((await titles(query)).sort()).toEqual([...expected].sort());
  });

  it("shows a source: scope as a filter, not as a matched term", async () => {
    const result = await (await archive(db())).search({ text: "H200 source:wire", limit: 10 });
    expect(result.sections[0]?.stories[0]?.matchedTerms).toEqual(["H200"]);
  });

  it("reports a query that does not parse as the user's own query, not as one named \"search\"", async () => {
    const error = await (await archive(db())).search({ text: "(H200", limit: 5 }).catch((caught: unknown) => caught as Error);
    expect(error).toMatchObject({ name: "QueryError" });
    expect((error as Error).message).not.toMatch(/in query/);
    expect((error as Error).message.split("\n")[1]).toBe("  (H200");
  });

  it.each([
    ["export control", "CAC drafts generative AI rules"],
    ['"AI rule"', "CAC drafts generative AI rules"],
  ])("%s finds the item that says it in another number", async (query, title) => {
    expect(await titles(query)).toContain(title);
  });
});
