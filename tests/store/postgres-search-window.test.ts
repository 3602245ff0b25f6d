import { afterEach, describe, expect, it } from "vitest";
import { createPostgresSearchIndex, createPostgresStore, migratePostgres, pgMigrations, type ItemToStore } from "../../src/store/index.js";
import { postgresForTests, postgresKinds, type TestPostgres } from "../fakes/postgres-for-tests.js";

const item = (n: number, title: string): ItemToStore => ({
  id: `i${n}`, sourceId: "wire", guid: `i${n}`, link: null, url: null, title, summary: "", content: "", author: null, language: null,
  publishedAt: new Date(Date.UTC(2026, 0, 1, n)).toISOString(), dateMissing: false, matches: [], passedTopicIds: [], clusterId: `c${n}`,
});

/** Word candidates look in the newest items first and in the whole index only when those hold too few. */
describe.each(postgresKinds)("PostgreSQL word search, newest window first, on %s", (kind) => {
  let pg: TestPostgres;
  afterEach(() => pg.close());

  it("gives the same newest matches whether the window holds a full page or the index must be asked", async () => {
    pg = await postgresForTests(kind);
    await migratePostgres(pg.client, pgMigrations);
    const store = createPostgresStore(pg.client);
    // Oldest first: matches at 0–5, then ten newer items without the phrase.
    for (let n = 0; n < 16; n++) await store.saveItems([item(n, n < 6 ? `export controls ${n}` : `market update ${n}`)], "2026-01-02T00:00:00.000Z");
    const ids = async (newestWindow: number, limit: number, offset = 0) =>
      (await createPostgresSearchIndex(pg.client, { newestWindow }).candidates({ alternatives: [['"export controls"']], since: null, before: null, topicIds: [], limit, offset })).map((found) => found.id);

    // A window of the 12 newest holds two matches: a page of two comes from it, a page of three from the index.
    expect(await ids(12, 2)).toEqual(["i5", "i4"]);
    expect(await ids(12, 3)).toEqual(["i5", "i4", "i3"]);
    expect(await ids(12, 3, 2)).toEqual(["i3", "i2", "i1"]);
    // A window too small to hold any match still finds them all.
    expect(await ids(4, 10)).toEqual(["i5", "i4", "i3", "i2", "i1", "i0"]);
    expect(await ids(100, 10)).toEqual(await ids(1, 10));
  });
});
