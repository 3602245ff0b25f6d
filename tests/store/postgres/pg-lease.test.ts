import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { leaseTable } from "../../../src/store/postgres/lease-table.js";
import { createPgLease, type PgLease } from "../../../src/store/postgres/pg-lease.js";
import { postgresForTests, postgresKinds, type TestPostgres } from "../../fakes/postgres-for-tests.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(postgresKinds)("a lease on PostgreSQL (%s)", (kind) => {
  let pg: TestPostgres;
  let lease: PgLease;
  beforeEach(async () => {
    pg = await postgresForTests(kind);
    await pg.client.exec(leaseTable);
    lease = createPgLease(pg.client);
  });
  afterEach(async () => pg.close());

  it("has one holder at a time; the holder renews it and may take it again", async () => {
    expect(await lease.acquire("discord-shard-0", "a", 60_000)).toBe(true);
    expect(await lease.acquire("discord-shard-0", "b", 60_000)).toBe(false);
    expect(await lease.renew("discord-shard-0", "a", 60_000)).toBe(true);
    expect(await lease.renew("discord-shard-0", "b", 60_000)).toBe(false);
    expect(await lease.acquire("discord-shard-0", "a", 60_000)).toBe(true);
    expect(await lease.acquire("another-lease", "b", 60_000)).toBe(true);
  });

  it("goes to whoever asks once it expires, and the old holder can no longer renew it", async () => {
    expect(await lease.acquire("discord-shard-0", "a", 50)).toBe(true);
    await sleep(120);
    expect(await lease.acquire("discord-shard-0", "b", 60_000)).toBe(true);
    expect(await lease.renew("discord-shard-0", "a", 60_000)).toBe(false);
  });

  it("is free at once when its holder releases it; a release by anyone else changes nothing", async () => {
    await lease.acquire("discord-shard-0", "a", 60_000);
    await lease.release("discord-shard-0", "b");
    expect(await lease.acquire("discord-shard-0", "b", 60_000)).toBe(false);
    await lease.release("discord-shard-0", "a");
    expect(await lease.acquire("discord-shard-0", "b", 60_000)).toBe(true);
  });

  it("goes to exactly one of many processes asking at once", async () => {
    const holders = ["a", "b", "c", "d", "e", "f"];
    const won = await Promise.all(holders.map((holder) => lease.acquire("discord-shard-0", holder, 60_000)));
    expect(won.filter(Boolean)).toHaveLength(1);
  });
});
