import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createManualClock } from "../../src/domain/clock.js";
import { cacheLifetimeMs } from "../../src/ingest/cache-lifetime.js";
import { createIngester, type Ingester } from "../../src/ingest/index.js";
import { serveFeed, startFeedServer, type FeedServer } from "../fakes/feed-server.js";

const MIN = 60_000;
const NOW = new Date("2026-01-20T00:00:00Z");
const feed = `<rss version="2.0"><channel><title>Wire</title><item><title>Story</title><guid>w-1</guid></item></channel></rss>`;

let server: FeedServer;
let ingester: Ingester;

beforeAll(async () => {
  server = await startFeedServer();
  // Undated items keep the preferred interval (10 min); the longest allowed interval is 6 h.
  ingester = createIngester({
    clock: createManualClock(NOW), defaultIntervalMs: 10 * MIN, minIntervalMs: 2 * MIN, maxIntervalMs: 360 * MIN,
    allowPrivateNetworks: true, timeoutMs: 2_000, parseWorkers: 0,
  });
});
afterAll(async () => {
  await ingester.close();
  await server.close();
});

const minutesToNextPoll = (nextPollAt: string | null) => (Date.parse(nextPollAt!) - NOW.getTime()) / MIN;

describe("caching headers as a lower bound on the next poll", () => {
  it.each([
    ["no caching headers", {}, 10],
    ["max-age shorter than the interval", { "cache-control": "public, max-age=120" }, 10],
    ["max-age of an hour", { "cache-control": "public, max-age=3600" }, 60],
    ["max-age less Age", { "cache-control": "max-age=3600", age: "1800" }, 30],
    ["max-age of a week, capped by the longest interval", { "cache-control": "max-age=604800" }, 360],
    ["Expires two hours after the server's Date", { expires: "Tue, 20 Jan 2026 02:00:00 GMT", date: "Tue, 20 Jan 2026 00:00:00 GMT" }, 120],
    ["max-age before Expires", { "cache-control": "max-age=2400", expires: "Tue, 20 Jan 2026 05:00:00 GMT" }, 40],
    ["no-cache beside max-age", { "cache-control": "no-cache, max-age=3600" }, 10],
    ["an Expires in the past", { expires: "Mon, 19 Jan 2026 00:00:00 GMT" }, 10],
    ["an unreadable Expires", { expires: "0" }, 10],
  ])("%s", async (name, headers, minutes) => {
    const path = `/cache-${name.replace(/\W+/g, "-")}.xml`;
    server.route(path, serveFeed({ body: feed, headers: headers as Record<string, string> }));
    const result = await ingester.poll({ id: "wire", url: server.url(path), weight: 1 }, null);
    expect(result.status).toBe("fetched");
    expect(minutesToNextPoll(result.state.nextPollAt)).toBe(minutes);
    expect(result.state.intervalMs).toBe(10 * MIN);
  });

  it("counts on a 304 too", async () => {
    server.route("/cache-304.xml", serveFeed({ body: feed, etag: '"v"', headers: { "cache-control": "max-age=5400" } }));
    const first = await ingester.poll({ id: "wire", url: server.url("/cache-304.xml"), weight: 1 }, null);
    const second = await ingester.poll({ id: "wire", url: server.url("/cache-304.xml"), weight: 1 }, first.state);
    expect(second.status).toBe("not-modified");
    expect(minutesToNextPoll(second.state.nextPollAt)).toBe(90);
  });

  it("reads the headers the way RFC 9111 does", () => {
    expect(cacheLifetimeMs({ "cache-control": 'max-age="60"' }, NOW)).toBe(60_000);
    expect(cacheLifetimeMs({ "cache-control": "s-maxage=600" }, NOW)).toBeUndefined();
    expect(cacheLifetimeMs({ "cache-control": "no-store", expires: "Tue, 20 Jan 2026 05:00:00 GMT" }, NOW)).toBeUndefined();
    expect(cacheLifetimeMs({ expires: "Tue, 20 Jan 2026 01:00:00 GMT" }, NOW)).toBe(60 * MIN);
  });
});
