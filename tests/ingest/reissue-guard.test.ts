import { describe, expect, it } from "vitest";
import type { FeedItem } from "../../src/domain/item.js";
import { looksLikeReissue } from "../../src/ingest/reissue-guard.js";

const item = (id: string, publishedAt = "2026-01-10T00:00:00.000Z", dateMissing = false): FeedItem => ({
  id, sourceId: "s", guid: id, link: null, url: null, title: id, summary: "", content: "", author: null, language: null, publishedAt, dateMissing,
});
const feed = (prefix: string, count: number, publishedAt?: string, dateMissing?: boolean) =>
  Array.from({ length: count }, (_, i) => item(`${prefix}${i}`, publishedAt, dateMissing));
const known = (items: FeedItem[]) => new Set(items.map((entry) => entry.id));
const since = "2026-01-15T00:00:00.000Z";

describe("looksLikeReissue", () => {
  it.each([
    ["old items under new guids", feed("new-", 20, "2026-01-10T00:00:00.000Z"), new Set<string>(), since, true],
    ["genuinely new items published after the last poll", feed("new-", 20, "2026-01-16T00:00:00.000Z"), new Set<string>(), since, false],
    ["a couple of new items", [...feed("old-", 18), ...feed("new-", 2)], known(feed("old-", 18)), since, false],
    ["a new guid on every undated item, without a last poll", feed("churn-", 20, undefined, true), new Set<string>(), null, true],
    ["half the feed new, without a last poll", [...feed("old-", 10), ...feed("new-", 10)], known(feed("old-", 10)), null, false],
  ])("%s → %s", (_name, items, knownIds, lastSuccess, expected) => {
    expect(looksLikeReissue(items, knownIds, { since: lastSuccess })).toBe(expected);
  });
});
