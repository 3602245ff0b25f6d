/**
 * Leases shared by the bot's processes on one database (a Discord gateway shard, say): one holder per
 * name until `expires_at`, which the holder keeps pushing forward; any process may take an expired one.
 */
export const leaseTable = `
  CREATE TABLE leases (
    name TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    acquired_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
  );
`;
