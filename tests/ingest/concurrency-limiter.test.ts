import { describe, expect, it } from "vitest";
import { createKeyedLimiter, createLimiter } from "../../src/ingest/concurrency-limiter.js";

describe("createLimiter", () => {
  it("lets `max` holders in and the next one when a slot is released, in order", async () => {
    const limiter = createLimiter(2);
    const order: string[] = [];
    const a = await limiter.acquire();
    await limiter.acquire();
    const third = limiter.acquire().then((release) => (order.push("third"), release));
    const fourth = limiter.acquire().then((release) => (order.push("fourth"), release));
    expect([limiter.active, limiter.waiting]).toEqual([2, 2]);
    a();
    a();
    await third;
    expect(order).toEqual(["third"]);
    expect([limiter.active, limiter.waiting]).toEqual([2, 1]);
    (await third)();
    await fourth;
    expect(order).toEqual(["third", "fourth"]);
  });

  it("refuses a limit below one", () => {
    expect(() => createLimiter(0)).toThrow(RangeError);
  });
});

describe("createKeyedLimiter", () => {
  it("limits each key separately and forgets idle keys", async () => {
    const limiter = createKeyedLimiter(1);
    const a = await limiter.acquire("a.example");
    const b = await limiter.acquire("b.example");
    let waited = false;
    const again = limiter.acquire("a.example").then((release) => ((waited = true), release));
    await Promise.resolve();
    expect(waited).toBe(false);
    a();
    (await again)();
    b();
    expect(waited).toBe(true);
    expect(limiter.size).toBe(0);
  });
});
