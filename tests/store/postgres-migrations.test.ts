import { describe, expect, it } from "vitest";
import { migratePostgres, pgMigrations } from "../../src/store/index.js";
import { postgresForTests, postgresKinds } from "../fakes/postgres-for-tests.js";

describe.each(postgresKinds)("the PostgreSQL schema on %s", (kind) => {
  it("is made once, whoever migrates again, and has the leases table but no worker lease", async () => {
    const pg = await postgresForTests(kind);
    try {
      await migratePostgres(pg.client, pgMigrations);
      await migratePostgres(pg.client, pgMigrations);
      const tables = (await pg.client.query<{ name: string }>(
        "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name",
      )).map((row) => row.name);
      expect(tables).toEqual(expect.arrayContaining(["items", "outbox", "leases", "request_replays", "story_clusters", "tenant_aliases", "installations"]));
      expect(tables).not.toContain("worker_lease");
      expect(await pg.client.query("SELECT version FROM schema_migrations")).toEqual([{ version: 1 }]);
    } finally {
      await pg.close();
    }
  });
});
