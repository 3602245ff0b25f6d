import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";

/** The file beside the database that names the running bot's process, for `briefing reload`. */
export function runFilePath(databasePath: string): string | null {
  return databasePath === ":memory:" ? null : `${databasePath}.pid`;
}

export async function writeRunFile(databasePath: string, pid: number): Promise<{ remove(): Promise<void> }> {
  const file = runFilePath(databasePath);
  if (file === null) return { remove: async () => undefined };
  // On PostgreSQL no database file made the folder.
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${pid}\n`);
  return {
    async remove() {
      // Another bot started on the same database since owns the file now.
      if ((await readRunFile(databasePath)) === pid) await rm(file, { force: true });
    },
  };
}

/** The pid a running bot wrote, or null when there is none. */
export async function readRunFile(databasePath: string): Promise<number | null> {
  const file = runFilePath(databasePath);
  if (file === null) return null;
  try {
    const pid = Number((await readFile(file, "utf8")).trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}
