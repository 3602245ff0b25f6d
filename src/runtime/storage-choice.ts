import type { BriefingConfig } from "../config/config-schema.js";
import type { Env } from "../config/env.js";
import type { StorageChoice } from "../store/index.js";

/** PostgreSQL when the config's `storage.url` or DATABASE_URL names a server; else the SQLite file. */
export function storageChoiceOf(config: BriefingConfig, env: Pick<Env, "DATABASE_URL">): StorageChoice {
  const url = config.storage.url ?? env.DATABASE_URL;
  return url ? { kind: "postgres", url } : { kind: "sqlite", path: config.storage.path };
}
