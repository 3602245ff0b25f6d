import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createClusterer } from "../../src/cluster/index.js";
import { createManualClock } from "../../src/domain/clock.js";
import { createIngester, type Ingester, type SourceSpec } from "../../src/ingest/index.js";
import { compileMatcher } from "../../src/match/index.js";
import { createLogger } from "../../src/runtime/logger.js";
import { runPollCycle } from "../../src/runtime/poll-cycle.js";
import { createSqliteClusterIndex } from "../../src/store/sqlite/sqlite-cluster-index.js";
import { createSqliteStore, openDatabase, type Store } from "../../src/store/index.js";
import { redirect, serveFeed, startFeedServer } from "../fakes/feed-server.js";
import { rssFeed } from "../fakes/feed-xml.js";

const clock = createManualClock("2026-01-20T12:00:00Z");
const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((thing) => thing.close()));
});

function feedsOnDisk(count: number): SourceSpec[] {
  const folder = mkdtempSync(path.join(tmpdir(), "poll-cycle-"));
  return Array.from({ length: count }, (_, n) => {
    const file = path.join(folder, `feed-${n}.xml`);
    const story = `Outlet ${n} reports on export rule number ${n * 7919}`;
    writeFileSync(file, rssFeed(`Feed ${n}`, [{ guid: `g-${n}`, title: story, link: `https://outlet${n}.example/a/${n}`, pubDate: "Tue, 20 Jan 2026 10:00:00 GMT" }]));
    return { id: `feed-${n}`, path: file, weight: 1 };
  });
}

function setUp(breakStoreFor?: string, options: { logLevel?: "info" | "debug"; pauseAfterFailures?: number } = {}) {
  const db = openDatabase(":memory:");
  const real = createSqliteStore(db);
  const store: Store = breakStoreFor
    ? {
        ...real,
        saveItems: async (items, seenAt) => {
          if (items.some((item) => item.sourceId === breakStoreFor)) throw new Error("disk I/O error");
          return real.saveItems(items, seenAt);
        },
      }
    : real;
  const ingester: Ingester = createIngester({ clock, defaultIntervalMs: 600_000, parseWorkers: 0, concurrency: 2, allowPrivateNetworks: true, pauseAfterFailures: options.pauseAfterFailures });
  open.push(ingester, real);
  const lines: string[] = [];
  const log = createLogger({ level: options.logLevel ?? "info", secrets: [], pretty: false, destination: { write: (line: string) => lines.push(line) } as unknown as NodeJS.WritableStream });
  const deps = {
    ingester,
    store,
    clock,
    log,
    matcher: compileMatcher({ queries: [{ id: "export", query: "export rule", threshold: 0 }] }),
    clusterer: createClusterer({ index: createSqliteClusterIndex(db), windowHours: 72 }),
  };
  return { deps, real, lines };
}

describe("runPollCycle", () => {
  it("polls and stores every source, many more than the concurrency", async () => {
    const sources = feedsOnDisk(40);
    const { deps, real } = setUp();
    const summary = await runPollCycle({ ...deps, sources });
    expect(summary).toEqual({ polled: 40, failed: 0, newItems: 40 });
    expect(await real.countItems()).toBe(40);
    expect((await real.listSourceStates()).map((state) => state.sourceId).sort()).toEqual(sources.map((source) => source.id).sort());
  });

  it("logs a source whose items cannot be stored and stores the others", async () => {
    const sources = feedsOnDisk(6);
    const { deps, real, lines } = setUp("feed-2");
    const summary = await runPollCycle({ ...deps, sources });
    expect(summary.failed).toBe(1);
    expect(summary.newItems).toBe(5);
    expect(await real.countItems()).toBe(5);
    const failure = lines.map((line) => JSON.parse(line) as { source?: string; msg: string; err?: { message: string } }).find((entry) => entry.msg === "could not store what the poll found");
    expect(failure).toMatchObject({ source: "feed-2", err: { message: "disk I/O error" } });
  });

  it("skips sources that are not due unless forced", async () => {
    const sources = feedsOnDisk(3);
    const { deps } = setUp();
    await runPollCycle({ ...deps, sources });
    expect(await runPollCycle({ ...deps, sources })).toEqual({ polled: 0, failed: 0, newItems: 0 });
    expect((await runPollCycle({ ...deps, sources }, { force: true })).polled).toBe(3);
  });

  it("logs a permanent move once, when it is first seen", async () => {
    const server = await startFeedServer();
    open.push(server);
    server.route("/old.xml", redirect("/new.xml", 301));
    server.route("/new.xml", serveFeed({ body: rssFeed("Moved", [{ guid: "m1", title: "Export rule moved", link: "https://x.example/m1", pubDate: "Tue, 20 Jan 2026 10:00:00 GMT" }]) }));
    const { deps, lines } = setUp();
    const sources = [{ id: "moved", url: server.url("/old.xml"), weight: 1 }];
    await runPollCycle({ ...deps, sources });
    await runPollCycle({ ...deps, sources }, { force: true });
    const moves = lines.filter((line) => line.includes("feed moved permanently"));
    expect(moves).toHaveLength(1);
    expect(JSON.parse(moves[0]!)).toMatchObject({ source: "moved", moved_to: server.url("/new.xml") });
  });

  it("puts per-feed lines at debug and tells each state change once: failing, paused, recovered", async () => {
    const server = await startFeedServer();
    open.push(server);
    let up = true;
    const feed = rssFeed("Wire", [{ guid: "1", title: "Export rule", link: "https://x.example/1", pubDate: "Tue, 20 Jan 2026 10:00:00 GMT" }]);
    server.route("/feed.xml", (_req, res) => void (up ? res.writeHead(200, { "content-type": "application/rss+xml" }).end(feed) : res.writeHead(500).end("broken")));
    const { deps, lines } = setUp(undefined, { logLevel: "debug", pauseAfterFailures: 3 });
    const sources = [{ id: "wire", url: server.url("/feed.xml"), weight: 1 }];
    const INFO = 30;
    const WARN = 40;
    let messages: string[] = [];
    const cycle = async () => {
      lines.length = 0;
      await runPollCycle({ ...deps, sources }, { force: true });
      const entries = lines.map((line) => JSON.parse(line) as { level: number; msg: string });
      messages = entries.map((entry) => entry.msg);
      return entries.filter((entry) => entry.level >= INFO).map((entry) => [entry.level, entry.msg]);
    };

    expect(await cycle()).toEqual([]);
    expect(messages).toContain("polled");
    up = false;
    expect(await cycle()).toEqual([[WARN, "feed failing"]]);
    expect(await cycle()).toEqual([]);
    expect(messages).toEqual(["poll failed"]);
    expect(await cycle()).toEqual([[WARN, "feed paused after repeated failures"]]);
    up = true;
    expect(await cycle()).toEqual([[INFO, "feed recovered"]]);
    expect(await cycle()).toEqual([]);
  });
});
