import type PgBoss from "pg-boss";

/** A job taken from pg-boss's table by `takeJobs`. */
export interface TakenJob {
  id: string;
  data: unknown;
}

// Written against pg-boss 10's job table. Its own fetch tries to start the next job of a key that is
// still running, which the stately index refuses, and the refusal fails the whole fetch: every other key
// waits behind it. Skipping keys with a running job keeps the others moving.
const takeJobsSql = (schema: string) => `
  WITH next AS (
    SELECT j.id, j.singleton_key, j.priority, j.created_on
    FROM ${schema}.job j
    WHERE j.name = $1 AND j.state < 'active' AND j.start_after < now()
      AND NOT EXISTS (
        SELECT 1 FROM ${schema}.job running
        WHERE running.name = $1 AND running.state = 'active' AND running.singleton_key IS NOT DISTINCT FROM j.singleton_key
      )
    ORDER BY j.priority DESC, j.created_on, j.id
    LIMIT $2
    FOR UPDATE SKIP LOCKED
  ), one_per_key AS (
    SELECT DISTINCT ON (singleton_key) id FROM next ORDER BY singleton_key, priority DESC, created_on, id
  )
  UPDATE ${schema}.job j SET
    state = 'active',
    started_on = now(),
    retry_count = CASE WHEN j.started_on IS NOT NULL THEN j.retry_count + 1 ELSE j.retry_count END
  FROM one_per_key
  WHERE j.name = $1 AND j.id = one_per_key.id
  RETURNING j.id, j.data
`;

// Back to waiting as if never started (no retry counted), for the next worker to take.
const handBackSql = (schema: string) => `
  UPDATE ${schema}.job SET state = 'created', started_on = NULL
  WHERE name = $1 AND id = $2 AND state = 'active'
`;

const UNIQUE_VIOLATION = "23505";

export const isUniqueViolation = (error: unknown) => (error as { code?: unknown }).code === UNIQUE_VIOLATION;

/**
 * Starts up to `limit` waiting jobs of one kind, at most one per key, none of a key already running
 * anywhere. Empty when another worker started a job of the same key at the same instant (the stately
 * index refused ours); the next look takes what is left.
 */
export async function takeJobs(db: PgBoss.Db, schema: string, name: string, limit: number): Promise<TakenJob[]> {
  try {
    return (await db.executeSql(takeJobsSql(schema), [name, limit])).rows as TakenJob[];
  } catch (error) {
    if (isUniqueViolation(error)) return [];
    throw error;
  }
}

/**
 * Puts jobs this worker started but did not finish back to waiting. One whose key already has a
 * waiting job is cancelled instead: that job does the same work.
 */
export async function handBack(boss: PgBoss, schema: string, name: string, ids: readonly string[]): Promise<void> {
  const db = boss.getDb();
  for (const id of ids) {
    try {
      await db.executeSql(handBackSql(schema), [name, id]);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      await boss.cancel(name, id);
    }
  }
}
