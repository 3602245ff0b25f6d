import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";
import type { BriefingConfig } from "../config/config-schema.js";
import { isBriefingError } from "../domain/errors.js";
import { createSearchService } from "../search/index.js";
import { createSqliteSearchIndex } from "../store/sqlite/sqlite-search-index.js";
import { compileSearchQuery } from "./search-query.js";
import type { SearchConfigUpdate, SearchReply, SearchTask } from "./threaded-search.js";

/** Worker entry: archive searches on a read-only connection of their own, off the thread that acks commands. */
const { file, config: initialConfig } = workerData as { file: string; config: BriefingConfig };
const db = new Database(file, { readonly: true, fileMustExist: true });
const index = createSqliteSearchIndex(db);
let now = new Date();
let outlets: Record<string, string> = {};
const serviceFor = (config: BriefingConfig) =>
  createSearchService({
    index,
    compile: (query, aliases) => compileSearchQuery(query, config, aliases),
    clock: { now: () => now },
    beat: config.beat,
    timeZone: config.timezone,
    outletOf: (sourceId) => outlets[sourceId] ?? sourceId,
  });
let service = serviceFor(initialConfig);

parentPort?.on("message", (task: SearchTask | SearchConfigUpdate) => {
  if ("config" in task) {
    service = serviceFor(task.config);
    return;
  }
  now = new Date(task.now);
  outlets = task.outlets;
  const reply = (message: SearchReply) => parentPort?.postMessage(message);
  service.search(task.request).then(
    (digest) => reply({ id: task.id, digest }),
    (error: unknown) =>
      reply({ id: task.id, error: { code: isBriefingError(error) ? error.code : null, message: error instanceof Error ? error.message : String(error) } }),
  );
});
parentPort?.postMessage("ready");
