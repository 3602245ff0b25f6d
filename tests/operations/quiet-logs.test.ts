import { afterEach, describe, expect, it } from "vitest";
import { createClusterer } from "../../src/cluster/index.js";
import { createManualClock } from "../../src/domain/clock.js";
import { createIngester } from "../../src/ingest/index.js";
import { compileMatcher } from "../../src/match/index.js";
import { createLogger } from "../../src/runtime/logger.js";
import { runPollCycle } from "../../src/runtime/poll-cycle.js";
import { createSqliteClusterIndex } from "../../src/store/sqlite/sqlite-cluster-index.js";
import { createSqliteStore, openDatabase } from "../../src/store/index.js";
import { startFeedServer } from "../fakes/feed-server.js";
import { rssFeed } from "../fakes/feed-xml.js";

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((thing) => thing.close()));
});

type Line = { level: number; msg: string; source?: string };
const INFO = 30;
const WARN = 40;

describe("poll cycle logs", () => {
  it("puts per-feed lines at debug and tells each state change once: failing, paused, recovered", async () => {
    const server = await startFeedServer();
    open.push(server);
    let up = true;
    const feed = rssFeed("Wire", [{ guid: "1", title: "Export rule", link: "https://x.example/1", pubDate: "Tue, 20 Jan 2026 10:00:00 GMT" }]);
    server.route("/feed.xml", (_req, res) => void (up ? res.writeHead(200, { "content-type": "application/rss+xml" }).end(feed) : res.writeHead(500).end("broken")));
    const clock = createManualClock("2026-01-20T12:00:00Z");
    const db = openDatabase(":memory:");
    const store = createSqliteStore(db);
    const ingester = createIngester({ clock, defaultIntervalMs: 600_000, parseWorkers: 0, allowPrivateNetworks: true, pauseAfterFailures: 3 });
    open.push(ingester, store);
    const lines: Line[] = [];
    const log = createLogger({ level: "debug", secrets: [], pretty: false, destination: { write: (line: string) => lines.push(JSON.parse(line) as Line) } as unknown as NodeJS.WritableStream });
    const deps = {
      sources: [{ id: "wire", url: server.url("/feed.xml"), weight: 1 }],
      ingester,
      store,
      clock,
      log,
      matcher: compileMatcher({ queries: [{ id: "export", query: "export rule", threshold: 0 }] }),
      clusterer: createClusterer({ index: createSqliteClusterIndex(db), windowHours: 72 }),
    };
    const cycle = async () => {
      lines.length = 0;
      await runPollCycle(deps, { force: true });
      return lines.filter((line) => line.level >= INFO).map((line) => [line.level, line.msg]);
    };

    expect(await cycle()).toEqual([]);
    expect(lines.map((line) => line.msg)).toContain("polled");
    up = false;
    expect(await cycle()).toEqual([[WARN, "feed failing"]]);
    expect(await cycle()).toEqual([]);
    expect(lines.map((line) => line.msg)).toEqual(["poll failed"]);
    expect(await cycle()).toEqual([[WARN, "feed paused after repeated failures"]]);
    up = true;
    expect(await cycle()).toEqual([[INFO, "feed recovered"]]);
    expect(await cycle()).toEqual([]);
  });
});
