import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { bcubedScores, clusterItems, createClusterer } from "../../src/cluster/index.js";
import { createManualClock } from "../../src/domain/clock.js";
import type { StoredItem } from "../../src/domain/story.js";
import { createIngester, type Ingester, type PollJob, type PollResult, type SourceSpec } from "../../src/ingest/index.js";
import { compileMatcher } from "../../src/match/index.js";
import { createLogger } from "../../src/runtime/logger.js";
import { runPollCycle } from "../../src/runtime/poll-cycle.js";
import { createSqliteClusterIndex } from "../../src/store/sqlite/sqlite-cluster-index.js";
import { createSqliteStore, openDatabase } from "../../src/store/index.js";
import { rssFeed } from "../fakes/feed-xml.js";
import { hasNewsStories, loadNewsStories, newsStoriesDir, type NewsStoryItem } from "../fixtures/cluster/news-stories.js";

const present = hasNewsStories();
if (!present) console.warn(`poll-cycle story tests skipped: ${newsStoriesDir} not found (../shared is absent)`);

const FEEDS = 24;
const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((thing) => thing.close()));
});

/** The headlines spread over local feed files, each publisher always in the same feed. */
function feedsOnDisk(items: NewsStoryItem[]): SourceSpec[] {
  const folder = mkdtempSync(path.join(tmpdir(), "poll-stories-"));
  const byFeed = Array.from({ length: FEEDS }, () => [] as NewsStoryItem[]);
  for (const item of items) byFeed[[...item.sourceId].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7) % FEEDS]!.push(item);
  return byFeed.map((list, n) => {
    const file = path.join(folder, `feed-${n}.xml`);
    const entries = list.map((item) => ({ guid: item.id, title: item.title, link: item.url ?? `https://example.org/${item.id}`, pubDate: new Date(item.publishedAt).toUTCString() }));
    writeFileSync(file, rssFeed(`Feed ${n}`, entries));
    return { id: `feed-${n}`, path: file, weight: 1 };
  });
}

/** The real ingester, its results handed on in an order `arrange` picks once all are in. */
function reordering(ingester: Ingester, arrange: (results: Array<[PollResult, PollJob]>) => Array<[PollResult, PollJob]>): Ingester {
  return {
    ...ingester,
    async pollAll(jobs, onResult) {
      const results: Array<[PollResult, PollJob]> = [];
      await ingester.pollAll(jobs, (result, job) => {
        results.push([result, job]);
      });
      for (const [result, job] of arrange(results)) await onResult(result, job as never);
    },
  };
}

/** One poll cycle of `sources` into a fresh SQLite store; every stored item with its story. */
async function pollOnce(sources: SourceSpec[], arrange: Parameters<typeof reordering>[1]): Promise<StoredItem[]> {
  const clock = createManualClock("2014-03-12T06:00:00Z");
  const db = openDatabase(":memory:");
  const store = createSqliteStore(db);
  const ingester = createIngester({ clock, defaultIntervalMs: 600_000, parseWorkers: 0, concurrency: 4, allowPrivateNetworks: true });
  open.push(ingester, store);
  const log = createLogger({ level: "error", secrets: [], pretty: false, destination: { write: () => true } as unknown as NodeJS.WritableStream });
  await runPollCycle({
    sources, store, clock, log,
    ingester: reordering(ingester, arrange),
    matcher: compileMatcher({ queries: [{ id: "any", query: "the", threshold: 0 }] }),
    clusterer: createClusterer({ index: createSqliteClusterIndex(db) }),
  });
  const ids = (db.prepare("SELECT DISTINCT cluster_id FROM items").pluck().all() as string[]);
  return store.itemsOfClusters(ids);
}

describe.skipIf(!present)("a poll cycle over real headlines (../shared/corpora/news-stories)", () => {
  const items = present ? loadNewsStories() : [];

  it("stores the stories the in-memory clusterer makes, whatever order the fetches finish in, at the same quality", async () => {
    const sources = feedsOnDisk(items);
    const forward = await pollOnce(sources, (results) => results);
    const backward = await pollOnce(sources, (results) => [...results].reverse());
    const storyOf = (stored: StoredItem[]) => new Map(stored.map((item) => [item.key, item.clusterId]));
    expect(forward).toHaveLength(items.length);
    expect(storyOf(backward)).toEqual(storyOf(forward));

    const inMemory = await clusterItems(forward);
    expect(new Map(inMemory.map((result) => [result.key, result.cluster]))).toEqual(storyOf(forward));

    const truth = new Map(items.map((item) => [item.id, item.story]));
    const scores = bcubedScores(forward.map((item) => item.clusterId), forward.map((item) => truth.get(item.id)!));
    expect(scores.precision).toBeGreaterThanOrEqual(0.9);
    expect(scores.f1).toBeGreaterThanOrEqual(0.7);
  }, 120_000);
});
