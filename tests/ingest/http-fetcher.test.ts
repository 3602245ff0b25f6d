import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpFetcher } from "../../src/ingest/http-fetcher.js";
import type { FetchError } from "../../src/ingest/fetch-error.js";
import { drip, redirect, serveFeed, silent, startFeedServer, status, stream, type FeedServer } from "../fakes/feed-server.js";

const FEED = `<?xml version="1.0"?><rss version="2.0"><channel><title>Loopback</title><item><title>One</title></item></channel></rss>`;
const none = { etag: null, lastModified: null };

let server: FeedServer;
const fetcher = createHttpFetcher({
  allowPrivateNetworks: true,
  headersTimeoutMs: 300,
  totalTimeoutMs: 800,
  maxBytes: 1024 * 1024,
});

beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(async () => {
  await fetcher.close();
  await server.close();
});

async function failure(path: string): Promise<FetchError> {
  const error = await fetcher.fetch(server.url(path), none).then(
    () => null,
    (caught: unknown) => caught as FetchError,
  );
  if (!error) throw new Error(`fetching ${path} succeeded`);
  return error;
}

describe("conditional GET", () => {
  it("turns a matching ETag or Last-Modified into not-modified", async () => {
    server.route("/cond.xml", serveFeed({ body: FEED, etag: '"v1"', lastModified: "Wed, 01 Jan 2025 00:00:00 GMT" }));
    const first = await fetcher.fetch(server.url("/cond.xml"), none);
    expect(first).toMatchObject({ status: "fetched", etag: '"v1"', lastModified: "Wed, 01 Jan 2025 00:00:00 GMT" });
    const second = await fetcher.fetch(server.url("/cond.xml"), { etag: '"v1"', lastModified: null });
    expect(second).toEqual({ status: "not-modified", etag: '"v1"', lastModified: "Wed, 01 Jan 2025 00:00:00 GMT", movedTo: null });
    expect(server.requests.at(-1)?.headers["if-none-match"]).toBe('"v1"');
    const byDate = await fetcher.fetch(server.url("/cond.xml"), { etag: null, lastModified: "Wed, 01 Jan 2025 00:00:00 GMT" });
    expect(byDate.status).toBe("not-modified");
  });

  it("treats a 200 carrying the ETag we sent as not modified", async () => {
    server.route("/same-etag.xml", status(200, { etag: '"same"', "content-type": "application/rss+xml" }, FEED));
    expect((await fetcher.fetch(server.url("/same-etag.xml"), { etag: '"same"', lastModified: null })).status).toBe("not-modified");
  });
});

describe("content codings", () => {
  it.each(["gzip", "br", "deflate", "deflate-raw"] as const)("decodes %s", async (encoding) => {
    server.route(`/enc-${encoding}.xml`, serveFeed({ body: FEED, encoding }));
    const result = await fetcher.fetch(server.url(`/enc-${encoding}.xml`), none);
    expect(result.status === "fetched" && result.body.toString()).toBe(FEED);
  });

  it("asks for gzip, deflate and br", async () => {
    server.route("/accept.xml", serveFeed({ body: FEED }));
    await fetcher.fetch(server.url("/accept.xml"), none);
    expect(server.requests.at(-1)?.headers["accept-encoding"]).toBe("gzip, deflate, br");
  });

  it("counts decoded bytes against the cap, so a gzip bomb stops early", async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(64 * 1024 * 1024, 0));
    server.route("/bomb.xml", status(200, { "content-encoding": "gzip", "content-type": "application/rss+xml" }, bomb as unknown as string));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect((await failure("/bomb.xml")).kind).toBe("too-large");
  });
});

describe("hostile servers", () => {
  it.each([
    ["never sends headers (slow loris)", "/loris", silent(), "timeout"],
    ["drips a byte every 50 ms forever", "/drip", drip(50), "timeout"],
    ["sends an endless body", "/endless", stream(), "too-large"],
    ["declares a 50 MB body", "/fifty-declared", stream({ total: 50 * 1024 * 1024 }), "too-large"],
    ["streams 50 MB without a length", "/fifty-chunked", stream({ total: 50 * 1024 * 1024, headers: { "transfer-encoding": "chunked" } }), "too-large"],
  ] as const)("%s → %s", async (_name, path, handler, kind) => {
    server.route(path, handler);
    const error = await failure(path);
    expect(error.name).toBe("FetchError");
    expect(error.kind).toBe(kind);
  });

  it("reports a body cut short as truncated", async () => {
    server.route("/truncated", (_req, res) => {
      res.writeHead(200, { "content-length": "5000", "content-type": "application/rss+xml" });
      res.write("<rss><channel>");
      setTimeout(() => res.destroy(), 20);
    });
    expect((await failure("/truncated")).kind).toBe("truncated");
  });
});

describe("redirects", () => {
  it("follows up to five and refuses the sixth", async () => {
    for (let i = 0; i < 6; i++) server.route(`/hop${i}`, redirect(`/hop${i + 1}`));
    server.route("/hop6", serveFeed({ body: FEED }));
    server.route("/hop1-start", redirect("/hop2", 301));
    const five = await fetcher.fetch(server.url("/hop1"), none);
    expect(five.status).toBe("fetched");
    expect((await failure("/hop0")).kind).toBe("too-many-redirects");
  });

  it.each([
    ["a loop", "/loop", redirect("/loop"), "too-many-redirects", "too many redirects"],
    ["a 3xx without Location", "/nowhere", redirect(""), "not-a-feed", "without saying where"],
    ["a file: Location", "/to-file", redirect("file:///etc/passwd"), "bad-url", "only http/https"],
    ["a gopher: Location", "/to-gopher", redirect("gopher://example.com/"), "bad-url", "only http/https"],
  ] as const)("rejects %s", async (_name, path, handler, kind, words) => {
    server.route(path, handler);
    const error = await failure(path);
    expect(error.kind).toBe(kind);
    expect(error.message).toContain(words);
  });

  it("reports where a feed moved permanently", async () => {
    server.route("/old", redirect("/new", 301));
    server.route("/new", serveFeed({ body: FEED }));
    const result = await fetcher.fetch(server.url("/old"), none);
    expect(result.status === "fetched" && result.movedTo).toBe(server.url("/new"));
  });
});

describe("status codes", () => {
  it.each([
    [429, { "retry-after": "3600" }, "http-429", 3_600_000],
    [503, { "retry-after": "120" }, "http-5xx", 120_000],
    [500, {}, "http-5xx", null],
    [404, {}, "http-4xx", null],
    [410, {}, "http-4xx", null],
    [403, { "cf-mitigated": "challenge" }, "http-4xx", null],
  ] as const)("%i → %s", async (code, headers, kind, retryAfterMs) => {
    server.route(`/status-${code}`, status(code, headers, "nope"));
    const error = await failure(`/status-${code}`);
    expect({ kind: error.kind, status: error.status, retryAfterMs: error.retryAfterMs }).toEqual({ kind, status: code, retryAfterMs });
  });

  it("says so when Cloudflare challenges us", async () => {
    server.route("/cf", status(403, { "cf-mitigated": "challenge" }));
    expect((await failure("/cf")).message).toContain("bot protection");
  });
});

describe("credentials in the URL", () => {
  it("sends them as Basic auth and never repeats them in errors", async () => {
    server.route("/private-feed", status(401, {}, "who are you"));
    const url = server.url("/private-feed").replace("http://", "http://reader:s3cret@");
    const error = await fetcher.fetch(url, none).catch((caught: FetchError) => caught);
    expect(server.requests.at(-1)?.headers.authorization).toBe(`Basic ${Buffer.from("reader:s3cret").toString("base64")}`);
    expect(JSON.stringify({ message: (error as FetchError).message })).not.toContain("s3cret");
  });
});
