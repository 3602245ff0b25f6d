import type Database from "better-sqlite3";
import type { DigestMarkStore } from "../store.js";

type SyncMarks = { getDigestMarkSync(digestId: string): string | null; setDigestMarkSync(digestId: string, windowEnd: string): void };

/** Reads digest marks; the `…Sync` pair is for the digest commit's transaction only. */
export function createSqliteDigestMarkStore(db: Database.Database): Omit<DigestMarkStore, "commitDigest"> & SyncMarks {
  const get = db.prepare("SELECT window_end FROM digest_marks WHERE digest_id = ?").pluck();
  const put = db.prepare(
    "INSERT INTO digest_marks (digest_id, window_end) VALUES (?, ?) ON CONFLICT (digest_id) DO UPDATE SET window_end = excluded.window_end",
  );
  const read = (digestId: string) => (get.get(digestId) as string | undefined) ?? null;
  return {
    async getDigestMark(digestId) {
      return read(digestId);
    },
    getDigestMarkSync: read,
    setDigestMarkSync(digestId, windowEnd) {
      put.run(digestId, windowEnd);
    },
  };
}
