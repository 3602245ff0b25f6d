import { BriefingError } from "../../domain/errors.js";
import type { OpenedStore } from "../open-store.js";
import type { SecretBox } from "../secret-box.js";
import { createPostgresStore } from "./create-postgres-store.js";
import { migratePostgres } from "./migrate.js";
import { pgMigrations } from "./migrations.js";
import { createPostgresClusterIndex } from "./pg-cluster-index.js";
import { createPostgresInstallationStore } from "./pg-installation-store.js";
import { createPgLease } from "./pg-lease.js";
import { createPgPoolClient, describePgUrl } from "./pg-pool-client.js";
import { createPostgresSearchIndex } from "./pg-search-index.js";
import type { SqlClient } from "./sql-client.js";

/** Connects to the server at `url` (postgres://…) and brings its schema up to date. */
export async function openPostgresStore(url: string, options: { secretBox?: SecretBox | null } = {}): Promise<OpenedStore> {
  const location = describePgUrl(url);
  const client = createPgPoolClient(url);
  try {
    await migratePostgres(client, pgMigrations);
  } catch (error) {
    await client.close().catch(() => undefined);
    // pg's messages name the host and user, never the password; the URL is shown masked.
    throw new BriefingError("store", `cannot open the PostgreSQL database at ${location}: ${(error as Error).message}`, { cause: error });
  }
  return postgresStoreOver(client, { ...options, location, serverUrl: url });
}

/** The store on a client already migrated (a pool, or PGlite in tests). */
export function postgresStoreOver(client: SqlClient, options: { secretBox?: SecretBox | null; location: string; serverUrl: string | null }): OpenedStore {
  return {
    kind: "postgres",
    location: options.location,
    store: createPostgresStore(client, { secretBox: options.secretBox ?? null }),
    clusterIndex: createPostgresClusterIndex(client),
    searchIndex: createPostgresSearchIndex(client),
    searchFile: null,
    installations: (box) => createPostgresInstallationStore(client, box),
    ping: async () => void (await client.query("SELECT 1")),
    workerLease: () => null,
    leases: createPgLease(client),
    serverUrl: options.serverUrl,
    close: () => client.close(),
  };
}
