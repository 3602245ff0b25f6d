import { describe, expect, it } from "vitest";
import { freshStoreEach, storeEngines } from "../../fakes/store-engines.js";
import { item } from "./store-fixtures.js";

describe.each(storeEngines)("items in the %s store", (engine) => {
  const db = freshStoreEach(engine);

  it("stores an item once and reports only the new ones", async () => {
    const { store } = db();
    expect((await store.saveItems([item("a"), item("b")], "2026-01-14T09:00:00.000Z")).map((i) => i.id)).toEqual(["a", "b"]);
    expect((await store.saveItems([item("a"), item("c")], "2026-01-14T10:00:00.000Z")).map((i) => i.id)).toEqual(["c"]);
    expect(await store.countItems()).toBe(3);
    expect(await store.knownItemIds("wire", ["a", "z"])).toEqual(new Set(["a"]));
    expect(await store.knownItemIds("other", ["a"])).toEqual(new Set());
    expect(await store.knownItemIds("wire", [])).toEqual(new Set());
  });

  it("gives an item back as it was saved, with its key, first-seen time and matches", async () => {
    const { store } = db();
    const saved = item("a", { author: "A. Writer", summary: "Ünïcode “quotes”", content: "body", matches: [{ topicId: "chips", score: 2.5, terms: ["H200"], fields: { title: ["H200"] } }] });
    const [stored] = await store.saveItems([saved], "2026-01-14T09:00:00.000Z");
    const { passedTopicIds: _passed, ...fields } = saved;
    const expected = { ...fields, key: "wire:a", firstSeenAt: "2026-01-14T09:00:00.000Z" };
    expect(stored).toEqual(expected);
    expect(await store.itemsOfClusters(["c-a"])).toEqual([expected]);
  });

  it.each([
    ["dated", {}, { dateMissing: false }],
    ["undated", { dateMissing: true }, { dateMissing: true }],
    ["dated implausibly", { dateMissing: true, dateImplausible: true }, { dateMissing: true, dateImplausible: true }],
  ])("keeps an item %s as it was", async (_case, overrides, expected) => {
    const { store } = db();
    await store.saveItems([item("a", overrides)], "2026-01-14T09:00:00.000Z");
    const [stored] = await store.itemsOfClusters(["c-a"]);
    expect(stored).toMatchObject(expected);
    expect("dateImplausible" in stored!).toBe("dateImplausible" in expected);
  });

  it("selects digest items by first-seen window and passed topics", async () => {
    const { store } = db();
    await store.saveItems([item("old")], "2026-01-13T09:00:00.000Z");
    await store.saveItems(
      [
        item("low", { matches: [{ topicId: "chips", score: 1, terms: ["H20"], fields: {} }] }),
        item("high", { matches: [{ topicId: "chips", score: 5, terms: ["H200"], fields: {} }] }),
        item("failed-threshold", { passedTopicIds: [] }),
      ],
      "2026-01-14T09:00:00.000Z",
    );
    await store.saveItems([item("later")], "2026-01-14T12:00:01.000Z");
    const found = await store.itemsForDigest({ since: "2026-01-13T12:00:00.000Z", until: "2026-01-14T12:00:00.000Z", topicIds: ["chips"], perTopic: 10 });
    expect(found.map((i) => i.id).sort()).toEqual(["high", "low"]);
    expect(await store.itemsForDigest({ since: null, until: "2026-01-14T12:00:00.000Z", topicIds: [], perTopic: 10 })).toEqual([]);
  });

  it("counts the window's end in and its start out", async () => {
    const { store } = db();
    await store.saveItems([item("at-start")], "2026-01-14T09:00:00.000Z");
    await store.saveItems([item("at-end")], "2026-01-14T10:00:00.000Z");
    const found = await store.itemsForDigest({ since: "2026-01-14T09:00:00.000Z", until: "2026-01-14T10:00:00.000Z", topicIds: ["chips"], perTopic: 10 });
    expect(found.map((i) => i.id)).toEqual(["at-end"]);
  });

  it("brings each topic's best candidates, so a wide topic cannot crowd a narrow one out", async () => {
    const { store } = db();
    const wide = Array.from({ length: 6 }, (_, n) => item(`wide-${n}`, { matches: [{ topicId: "wide", score: 20 + n, terms: ["a"], fields: {} }], passedTopicIds: ["wide"] }));
    const narrow = [item("narrow", { matches: [{ topicId: "narrow", score: 1, terms: ["b"], fields: {} }], passedTopicIds: ["narrow"] })];
    await store.saveItems([...wide, ...narrow], "2026-01-14T09:00:00.000Z");
    const found = await store.itemsForDigest({ since: null, until: "2026-01-14T12:00:00.000Z", topicIds: ["wide", "narrow"], perTopic: 2 });
    expect(found.map((i) => i.id).sort()).toEqual(["narrow", "wide-4", "wide-5"]);
  });

  it("gives an item that passed two topics once, newest published first", async () => {
    const { store } = db();
    const both = [{ topicId: "a", score: 1, terms: [], fields: {} }, { topicId: "b", score: 1, terms: [], fields: {} }];
    await store.saveItems(
      [item("both", { matches: both, passedTopicIds: ["a", "b"], publishedAt: "2026-01-14T07:00:00.000Z" }), item("newer", { matches: both, passedTopicIds: ["a"] })],
      "2026-01-14T09:00:00.000Z",
    );
    const found = await store.itemsForDigest({ since: null, until: "2026-01-14T12:00:00.000Z", topicIds: ["a", "b"], perTopic: 5 });
    expect(found.map((i) => i.id)).toEqual(["newer", "both"]);
  });

  it("leaves out items published before publishedAfter, whenever they were first seen", async () => {
    const { store } = db();
    await store.saveItems([item("history", { publishedAt: "2022-04-01T00:00:00.000Z" }), item("today")], "2026-01-14T09:00:00.000Z");
    const found = await store.itemsForDigest({ since: null, until: "2026-01-14T12:00:00.000Z", publishedAfter: "2026-01-13T12:00:00.000Z", topicIds: ["chips"], perTopic: 10 });
    expect(found.map((i) => i.id)).toEqual(["today"]);
  });

  it("gives every item of the asked stories, oldest published first", async () => {
    const { store } = db();
    await store.saveItems(
      [
        item("late", { clusterId: "s1", publishedAt: "2026-01-14T09:00:00.000Z" }),
        item("early", { clusterId: "s1", sourceId: "other", publishedAt: "2026-01-14T07:00:00.000Z" }),
        item("elsewhere", { clusterId: "s2" }),
      ],
      "2026-01-14T09:00:00.000Z",
    );
    expect((await store.itemsOfClusters(["s1"])).map((i) => i.key)).toEqual(["other:early", "wire:late"]);
    expect(await store.itemsOfClusters([])).toEqual([]);
  });

  it("lets one of two writers saving the same item at once have it", async () => {
    const { store, another } = db();
    const other = await another();
    const [first, second] = await Promise.all([store.saveItems([item("a")], "2026-01-14T09:00:00.000Z"), other.saveItems([item("a")], "2026-01-14T09:00:00.000Z")]);
    expect(first.length + second.length).toBe(1);
    expect(await store.countItems()).toBe(1);
  });

  it("lets two writers save overlapping batches in opposite orders, each item going to one of them, in the order given", async () => {
    const { store, another } = db();
    const other = await another();
    const batch = ["a", "b", "c", "d", "e"].map((id) => item(id));
    const [first, second] = await Promise.all([store.saveItems(batch, "2026-01-14T09:00:00.000Z"), other.saveItems([...batch].reverse(), "2026-01-14T09:00:00.000Z")]);
    expect([...first, ...second].map((i) => i.id).sort()).toEqual(["a", "b", "c", "d", "e"]);
    expect(second.map((i) => i.id)).toEqual([...second].map((i) => i.id).sort().reverse());
  });
});
