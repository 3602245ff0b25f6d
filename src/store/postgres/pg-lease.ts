import type { SharedLeases } from "../open-store.js";
import type { SqlClient } from "./sql-client.js";

/**
 * Named leases on the `leases` table (lease-table.ts). `acquire` takes a lease that is free, expired
 * or already ours; `renew` is false once another process took it; `release` frees it at once.
 */
export type PgLease = SharedLeases;

// One statement, so two processes racing for a free or expired lease cannot both win. Expiry is the
// database's clock, the one every process shares.
const ACQUIRE = `
  INSERT INTO leases (name, holder, acquired_at, expires_at)
  VALUES ($1, $2, now(), now() + $3::int * interval '1 millisecond')
  ON CONFLICT (name) DO UPDATE SET
    holder = EXCLUDED.holder,
    acquired_at = CASE WHEN leases.holder = EXCLUDED.holder THEN leases.acquired_at ELSE EXCLUDED.acquired_at END,
    expires_at = EXCLUDED.expires_at
  WHERE leases.expires_at < now() OR leases.holder = EXCLUDED.holder
  RETURNING holder
`;
const RENEW = "UPDATE leases SET expires_at = now() + $3::int * interval '1 millisecond' WHERE name = $1 AND holder = $2 RETURNING holder";
const RELEASE = "DELETE FROM leases WHERE name = $1 AND holder = $2";

export function createPgLease(client: SqlClient): PgLease {
  return {
    acquire: async (name, holder, ttlMs) => (await client.query(ACQUIRE, [name, holder, Math.round(ttlMs)])).length === 1,
    renew: async (name, holder, ttlMs) => (await client.query(RENEW, [name, holder, Math.round(ttlMs)])).length === 1,
    async release(name, holder) {
      await client.query(RELEASE, [name, holder]);
    },
  };
}
