import type { SecretBox } from "../secret-box.js";
import type { Store } from "../store.js";
import { createPostgresDigestMarkStore } from "./pg-digest-mark-store.js";
import { createPostgresItemStore } from "./pg-item-store.js";
import { createPostgresOutboxStore } from "./pg-outbox-store.js";
import { createPostgresRequestReplays } from "./pg-request-replays.js";
import { createPostgresSourceStateStore } from "./pg-source-state-store.js";
import { createPostgresStoryMerges } from "./pg-story-merges.js";
import { createPostgresTenantStore } from "./pg-tenant-store.js";
import { createPostgresWatchStore } from "./pg-watch-store.js";
import type { SqlClient } from "./sql-client.js";

/**
 * The shared store: one PostgreSQL database that many workers use at once. The schema must be up to
 * date first (`migratePostgres(client, pgMigrations)`). `close` closes the client.
 */
export function createPostgresStore(client: SqlClient, options: { secretBox?: SecretBox | null } = {}): Store {
  return {
    ...createPostgresItemStore(client),
    ...createPostgresSourceStateStore(client, options.secretBox ?? null),
    ...createPostgresStoryMerges(client),
    ...createPostgresTenantStore(client),
    ...createPostgresRequestReplays(client),
    ...createPostgresWatchStore(client),
    ...createPostgresDigestMarkStore(client),
    ...createPostgresOutboxStore(client),
    close: () => client.close(),
  };
}
