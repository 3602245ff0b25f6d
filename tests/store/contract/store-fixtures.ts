import type { NewOutboxMessage } from "../../../src/domain/outbound.js";
import type { ItemToStore } from "../../../src/store/index.js";

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
