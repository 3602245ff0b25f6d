import { afterAll, describe, expect, it } from "vitest";
import type { FetchError } from "../../src/ingest/fetch-error.js";
import { createParsePool, type ParsePool } from "../../src/ingest/parse-pool.js";

const job = (text: string) => ({ bytes: Buffer.from(text), contentType: null, baseUrl: null, sourceId: "pool", now: "2026-01-20T00:00:00.000Z" });
const small = `<rss version="2.0"><channel><title>Small</title><item><title>one</title></item></channel></rss>`;
const huge = (items: number) =>
  `<rss version="2.0"><channel><title>Huge</title>${"<item><title>x</title><description>lorem ipsum dolor</description></item>".repeat(items)}</channel></rss>`;
const pools: ParsePool[] = [];
afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.close()));
});

describe("createParsePool", () => {
  it("parses in a worker thread", async () => {
    const pool = createParsePool({ size: 1 });
    pools.push(pool);
    const feed = await pool.parse(job(small));
    expect(feed.feed.title).toBe("Small");
    expect(feed.items.map((item) => item.title)).toEqual(["one"]);
  });

  it.each([
    ["runs past its deadline", { deadlineMs: 200 }, 400_000, "too long"],
    ["needs more memory than a worker may have", { maxHeapMb: 16, deadlineMs: 60_000 }, 200_000, "memory"],
  ])("abandons a feed that %s, and keeps working", async (_name, options, items, words) => {
    const pool = createParsePool({ size: 1, ...options });
    pools.push(pool);
    const error = (await pool.parse(job(huge(items))).catch((caught: unknown) => caught)) as FetchError;
    expect(error.kind).toBe("too-complex");
    expect(error.message).toContain(words);
    expect((await pool.parse(job(small))).feed.title).toBe("Small");
  });

  it("reports a broken feed as not a feed", async () => {
    const pool = createParsePool({ size: 1 });
    pools.push(pool);
    const error = (await pool.parse(job("<rss><channel>")).catch((caught: unknown) => caught)) as FetchError;
    expect(error.kind).toBe("not-a-feed");
  });

  it("answers each of many feeds with its own result", async () => {
    const pool = createParsePool({ size: 2 });
    pools.push(pool);
    const titles = Array.from({ length: 40 }, (_, n) => `Feed ${n}`);
    const feeds = await Promise.all(titles.map((title) => pool.parse(job(small.replace("Small", title)))));
    expect(feeds.map((feed) => feed.feed.title)).toEqual(titles);
  });
});
