import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfigText } from "../../src/config/load-config.js";
import { compileSearchQuery } from "../../src/runtime/search-query.js";
import { openStoreUnderTest, storeEngines, type StoreUnderTest } from "../fakes/store-engines.js";

const docs: Array<[id: string, title: string, summary: string, publishedAt: string]> = [
  ["accents", "Café owners protest new rules", "Naïve résumé of the coöperative", "2026-01-10T08:00:00.000Z"],
  ["model", "Nvidia H-200 shipments resume", "The H200 and H20 chips", "2026-01-11T08:00:00.000Z"],
  ["version", "GPT-4.5 released", "OpenAI ships version 3.5 and 4.5 models", "2026-01-12T08:00:00.000Z"],
  ["plurals", "Export controls on chips", "The controller controlled exports; policies and policy", "2026-01-13T08:00:00.000Z"],
  ["zh", "商务部回应出口管制新规 AI", "芯片 export 中方", "2026-01-14T08:00:00.000Z"],
  ["address", "e-mail and email at user@example.com", "see example.org for details", "2026-01-15T08:00:00.000Z"],
  ["marks", "Ünïcödé façade", "O'Reilly's book: don't", "2026-01-16T08:00:00.000Z"],
  ["zh-short", "AI 芯片 rules", "短 AI", "2026-01-17T08:00:00.000Z"],
];

const { config } = parseConfigText("sources: [{ id: wire, path: x }]\ntopics: [{ id: t, name: T, query: H200 }]\n", "t.yaml");

/** The same candidates from every engine's index: words split and folded alike, plural-tolerant prefixes, trigrams for CJK. */
describe.each(storeEngines)("search candidates on %s", (engine) => {
  let db: StoreUnderTest;
  beforeAll(async () => {
    db = await openStoreUnderTest(engine);
    const items = docs.map(([id, title, summary, publishedAt]) => ({
      id, sourceId: id === "zh" ? "zh-wire" : "wire", guid: id, link: null, url: null, title, summary, content: "", author: null, language: null,
      publishedAt, dateMissing: false, matches: [], passedTopicIds: [], clusterId: id,
    }));
    // One at a time, oldest first: "newest stored first" is then newest published first too.
    for (const item of items) await db.store.saveItems([item], "2026-01-18T00:00:00.000Z");
  });
  afterAll(() => db.close());

  const candidates = async (query: string, filters: { since?: string; sourceIds?: string[]; limit?: number; offset?: number } = {}) =>
    (await db.searchIndex().candidates({
      alternatives: compileSearchQuery(query, config).alternatives, since: filters.since ?? null, before: null, topicIds: [],
      sourceIds: filters.sourceIds ?? null, limit: filters.limit ?? 50, offset: filters.offset ?? 0,
    })).map((item) => item.id);

  it.each([
    ["cafe", ["accents"]],
    ["naive", ["accents"]],
    ["resume", ["model", "accents"]],
    ["H-200", ["model"]],
    ["H200", ["model"]],
    ["H20", ["model"]],
    ["GPT-4.5", ["version"]],
    ["3.5", ["version"]],
    ["controls", ["plurals"]],
    ["policy", ["plurals"]],
    ['"export controls"', ["plurals"]],
    ["export OR chips", ["zh", "plurals", "model"]],
    ["出口管制", ["zh"]],
    ["AI 芯片", ["zh-short", "zh"]],
    ["短", ["zh-short"]],
    ["e-mail", ["address"]],
    ["user@example.com", ["address"]],
    ["unicode", ["marks"]],
    ["facade", ["marks"]],
    ["O'Reilly", ["marks"]],
    ["don't", ["marks"]],
  ])("%s", async (query, expected) => {
    expect(await candidates(query)).toEqual(expected);
  });

  it("pages and filters candidates as asked", async () => {
    expect(await candidates("chips")).toEqual(["plurals", "model"]);
    expect(await candidates("chips", { limit: 1 })).toEqual(["plurals"]);
    expect(await candidates("chips", { limit: 1, offset: 1 })).toEqual(["model"]);
    // The limit is per alternative.
    expect(await candidates("chips OR 芯片", { limit: 1 })).toEqual(["plurals", "zh-short"]);
    expect(await candidates("export", { since: "2026-01-14T00:00:00.000Z" })).toEqual(["zh"]);
    expect(await candidates("export", { sourceIds: ["wire"] })).toEqual(["plurals"]);
  });
});
