import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createManualClock } from "../../src/domain/clock.js";
import { emptySourceState, type SourceState } from "../../src/domain/source-state.js";
import { createIngester, type IngesterOptions, type SourceSpec } from "../../src/ingest/index.js";
import { redirect, serveFeed, startFeedServer, status, type FeedServer } from "../fakes/feed-server.js";

const MIN = 60_000;
const rss = (title: string, items = 2, encoding = "utf-8") =>
  `<?xml version="1.0" encoding="${encoding}"?><rss version="2.0"><channel><title>${title}</title>${Array.from(
    { length: items },
    (_, i) => `<item><title>${title} ${i}</title><guid>${title}-${i}</guid><link>/a/${i}?utm_source=x</link></item>`,
  ).join("")}</channel></rss>`;

let server: FeedServer;
const clock = createManualClock("2026-01-20T00:00:00Z");
const ingesters: Array<ReturnType<typeof createIngester>> = [];
const make = (options: Partial<IngesterOptions> = {}) => {
  const ingester = createIngester({
    clock, defaultIntervalMs: 10 * MIN, allowPrivateNetworks: true, timeoutMs: 2_000, parseWorkers: 0, random: () => 0.5, ...options,
  });
  ingesters.push(ingester);
  return ingester;
};
const source = (path: string, id = path.replace(/\W/g, "")): SourceSpec => ({ id, url: server.url(path), weight: 1 });

beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(async () => {
  await Promise.all(ingesters.map((ingester) => ingester.close()));
  await server.close();
});

describe("polling", () => {
  it("marks the first poll, then costs a 304", async () => {
    server.route("/first.xml", serveFeed({ body: rss("First"), etag: '"e1"' }));
    const ingester = make({ parseWorkers: 1 });
    const first = await ingester.poll(source("/first.xml"), null);
    expect(first).toMatchObject({ status: "fetched", firstPoll: true, error: null });
    expect(first.items.map((item) => [item.id, item.url])).toEqual([
      ["First-0", server.url("/a/0")],
      ["First-1", server.url("/a/1")],
    ]);
    expect(first.state.etag).toBe('"e1"');
    const second = await ingester.poll(source("/first.xml"), first.state);
    expect(second).toMatchObject({ status: "not-modified", firstPoll: false, items: [] });
    expect(server.requests.at(-1)?.headers["if-none-match"]).toBe('"e1"');
  });

  it.each([
    ["GBK", "gbk", "text/xml; charset=GBK", "中文标题测试"],
    ["GB2312 in the prolog only", "gb2312", "text/xml", "中文标题测试"],
    ["Big5", "big5", "application/rss+xml; charset=big5", "繁體中文標題"],
  ])("reads a %s feed", async (_name, encoding, contentType, title) => {
    const path = `/${encoding}.xml`;
    server.route(path, serveFeed({ body: iconv.encode(rss(title, 1, encoding), encoding), contentType }));
    const result = await make().poll(source(path), null);
    expect(result.items[0]?.title).toBe(`${title} 0`);
  });

  it("reads path sources and treats an unchanged file as not modified", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ingest-"));
    writeFileSync(join(dir, "feed.xml"), rss("Local"));
    const ingester = make();
    const spec: SourceSpec = { id: "local", path: join(dir, "feed.xml"), weight: 1 };
    const first = await ingester.poll(spec, null);
    expect(first.items).toHaveLength(2);
    expect(first.items[0]?.link).toBeNull();
    expect((await ingester.poll(spec, first.state)).status).toBe("not-modified");
  });

  it("starts over when a source's URL changes", async () => {
    server.route("/moved.xml", serveFeed({ body: rss("Moved"), etag: '"m"' }));
    const old: SourceState = { ...(await make().poll(source("/first.xml"), null)).state, etag: '"e1"' };
    const result = await make().poll({ ...source("/moved.xml"), id: old.sourceId }, old);
    expect(result).toMatchObject({ status: "fetched", firstPoll: true });
    expect(server.requests.at(-1)?.headers["if-none-match"]).toBeUndefined();
  });
});

describe("feeds that moved", () => {
  const paths = () => server.requests.map((request) => request.path);

  it("remembers a permanent move and polls the new address from then on", async () => {
    server.route("/old-home.xml", redirect("/new-home.xml", 301));
    server.route("/new-home.xml", serveFeed({ body: rss("Home") }));
    const ingester = make();
    const spec = source("/old-home.xml");
    const first = await ingester.poll(spec, null);
    expect(first.state).toMatchObject({ location: server.url("/old-home.xml"), movedTo: server.url("/new-home.xml") });
    const before = paths().length;
    const second = await ingester.poll(spec, first.state);
    expect(paths().slice(before)).toEqual(["/new-home.xml"]);
    expect(second.items.map((item) => item.id)).toEqual(first.items.map((item) => item.id));
    expect(second.state.movedTo).toBe(server.url("/new-home.xml"));
  });

  it("learns of a move from a 304 at the new address too", async () => {
    server.route("/old-cached.xml", redirect("/new-cached.xml", 308));
    server.route("/new-cached.xml", serveFeed({ body: rss("Cached"), etag: '"c"' }));
    const spec = source("/old-cached.xml");
    const before: SourceState = { ...emptySourceState(spec.id, spec.url!), etag: '"c"', firstPolledAt: clock.now().toISOString() };
    const result = await make().poll(spec, before);
    expect(result).toMatchObject({ status: "not-modified", state: { etag: '"c"', movedTo: server.url("/new-cached.xml") } });
  });

  it("follows a temporary redirect every time without remembering it", async () => {
    server.route("/hop.xml", redirect("/hop-target.xml", 302));
    server.route("/hop-target.xml", serveFeed({ body: rss("Hop") }));
    const result = await make().poll(source("/hop.xml"), null);
    expect(result).toMatchObject({ status: "fetched", state: { movedTo: null } });
  });

  it("goes back to the configured address when the config changes", async () => {
    server.route("/configured-now.xml", serveFeed({ body: rss("Now") }));
    const spec = source("/configured-now.xml", "renamed");
    const moved: SourceState = { ...emptySourceState(spec.id, server.url("/configured-before.xml")), movedTo: server.url("/new-home.xml") };
    const before = paths().length;
    const result = await make().poll(spec, moved);
    expect(paths().slice(before)).toEqual(["/configured-now.xml"]);
    expect(result.state).toMatchObject({ location: server.url("/configured-now.xml"), movedTo: null });
  });

  it("checks the remembered address with the address guard like any other", async () => {
    const ingester = make({ allowPrivateNetworks: false, allowedPorts: "any" });
    const spec: SourceSpec = { id: "moved-inside", url: "https://feeds.example.org/feed.xml", weight: 1 };
    const moved: SourceState = { ...emptySourceState(spec.id, spec.url!), movedTo: server.url("/new-home.xml") };
    const connections = server.connections;
    const result = await ingester.poll(spec, moved);
    expect(result.error).toMatchObject({ kind: "blocked-address" });
    expect(server.connections).toBe(connections);
  });
});

describe("feed health", () => {
  it("pauses a failing feed with a reason and resumes after the pause", async () => {
    let failing = true;
    server.route("/flaky.xml", (req, res) => (failing ? status(500)(req, res) : serveFeed({ body: rss("Back") })(req, res)));
    const ingester = make({ pauseAfterFailures: 3, pauseMs: 24 * 60 * MIN });
    const spec = source("/flaky.xml");
    let state: SourceState | null = null;
    for (let i = 0; i < 3; i++) {
      const result = await ingester.poll(spec, state);
      expect(result.status).toBe("failed");
      expect(result.error?.name).toBe("FetchError");
      state = result.state;
    }
    expect(state).toMatchObject({ consecutiveFailures: 3, lastError: "the server failed (500)" });
    expect(state?.pausedUntil).not.toBeNull();
    clock.advance(23 * 60 * MIN);
    expect(ingester.isDue(spec, state)).toBe(false);
    clock.advance(60 * MIN);
    expect(ingester.isDue(spec, state)).toBe(true);
    failing = false;
    const back = await ingester.poll(spec, state);
    expect(back).toMatchObject({ status: "fetched", state: { consecutiveFailures: 0, pausedUntil: null, lastError: null } });
  });

  it("honours Retry-After on 429 without counting a strike", async () => {
    server.route("/busy.xml", status(429, { "retry-after": "3600" }));
    const result = await make().poll(source("/busy.xml"), null);
    expect(result.error).toMatchObject({ kind: "http-429" });
    expect(result.state.consecutiveFailures).toBe(0);
    expect(Date.parse(result.state.nextPollAt!) - clock.now().getTime()).toBe(3_600_000);
  });

  it("fails cleanly on a blocked address, without echoing credentials", async () => {
    const ingester = make({ allowPrivateNetworks: false, allowedPorts: "any" });
    const spec: SourceSpec = { id: "internal", url: server.url("/first.xml").replace("http://", "http://admin:hunter2@"), weight: 1 };
    const result = await ingester.poll(spec, null);
    expect(result.error).toMatchObject({ kind: "blocked-address" });
    expect(JSON.stringify({ message: result.error?.message, state: result.state.lastError })).not.toContain("hunter2");
  });
});

describe("politeness", () => {
  it("keeps to the per-host and global limits", async () => {
    server.route("/slow.xml", (_req, res) => void setTimeout(() => res.writeHead(200, { "content-type": "application/rss+xml" }).end(rss("Slow")), 30));
    const ingester = make({ perHostConcurrency: 2, concurrency: 3 });
    const before = server.peakInFlight;
    await Promise.all(Array.from({ length: 8 }, (_, i) => ingester.poll({ ...source("/slow.xml"), id: `slow-${i}` }, null)));
    expect(Math.max(before, server.peakInFlight)).toBeLessThanOrEqual(2);
  });
});
