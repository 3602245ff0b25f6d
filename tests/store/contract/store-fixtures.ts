import { afterAll, afterEach, beforeEach } from "vitest";
import type { NewOutboxMessage } from "../../../src/domain/outbound.js";
import type { ItemToStore, SecretBox } from "../../../src/store/index.js";
import { openStoreUnderTest, type StoreEngine, type StoreUnderTest } from "../../fakes/store-engines.js";

/**
 * A fresh database of `engine` for each test of the enclosing describe: made once per describe and
 * emptied before each test (a new PGlite takes about a second), closed after the describe.
 */
export function freshStoreEach(engine: StoreEngine, options: { secretBox?: SecretBox | null } = {}): () => StoreUnderTest {
  let shared: StoreUnderTest | null = null;
  let current: StoreUnderTest | null = null;
  beforeEach(async () => {
    shared ??= await openStoreUnderTest(engine, options);
    await shared.reset();
    current = shared;
  });
  afterEach(() => {
    current = null;
  });
  afterAll(async () => {
    await shared?.close();
    shared = null;
  });
  return () => {
    if (!current) throw new Error("no store: call inside a test");
    return current;
  };
}

export function item(id: string, overrides: Partial<ItemToStore> = {}): ItemToStore {
  return {
    id,
    sourceId: "wire",
    guid: id,
    link: `https://example.org/${id}`,
    url: `https://example.org/${id}`,
    title: `Title ${id}`,
    summary: "",
    content: "",
    author: null,
    language: "en",
    publishedAt: "2026-01-14T08:00:00.000Z",
    dateMissing: false,
    matches: [{ topicId: "chips", score: 2, terms: ["H200"], fields: { title: ["H200"] } }],
    passedTopicIds: ["chips"],
    clusterId: `c-${id}`,
    ...overrides,
  };
}

export const message = (group: string, part: number, target = `slack:#${group}`): NewOutboxMessage => ({
  key: `${group}:${part}`,
  target,
  group,
  part,
  payload: { kind: "text", text: `${group} part ${part}` },
});
