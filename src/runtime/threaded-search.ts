import type { Worker } from "node:worker_threads";
import type { SearchRequest, SearchService } from "../commands/index.js";
import type { BriefingConfig } from "../config/config-schema.js";
import type { Clock } from "../domain/clock.js";
import type { Digest } from "../domain/digest.js";
import { BriefingError, type BriefingErrorCode } from "../domain/errors.js";
import { startWorker } from "../ingest/index.js";

export interface SearchTask {
  id: number;
  request: SearchRequest;
  /** The asker's "now" (ISO), so `since:7d` means the same as on the main thread. */
  now: string;
  /** Outlet names by source id as the main thread knows them (feed titles are learnt while polling). */
  outlets: Record<string, string>;
}

/** Sent to a running thread when the config is reloaded: later searches use its aliases, beat and time zone. */
export interface SearchConfigUpdate {
  config: BriefingConfig;
}

export type SearchReply = { id: number; digest: Digest } | { id: number; error: { code: BriefingErrorCode | null; message: string } };

/**
 * Archive search in a worker thread with its own read-only connection: a search's SQLite and
 * ranking work never holds up the acks of other commands. The thread starts on the first search,
 * is restarted after a crash, and never keeps the process alive. A reload hands the same thread the new
 * config, so reloading never starts a second thread; `close` ends it.
 */
export interface ThreadedSearch extends SearchService {
  reconfigure(config: BriefingConfig): void;
  close(): Promise<void>;
}

export function createThreadedSearch(
  file: string,
  initialConfig: BriefingConfig,
  clock: Clock,
  outlets: () => Promise<Record<string, string>>,
): ThreadedSearch {
  let config = initialConfig;
  const pending = new Map<number, { resolve(digest: Digest): void; reject(error: Error): void }>();
  let worker: Worker | null = null;
  let nextId = 1;

  const failAll = (error: Error) => {
    for (const task of pending.values()) task.reject(error);
    pending.clear();
  };
  const thread = (): Worker => {
    if (worker) return worker;
    const started = startWorker(new URL("./search-thread.js", import.meta.url), { workerData: { file, config } });
    started.unref();
    started.on("message", (message: SearchReply | "ready") => {
      if (message === "ready") return;
      const task = pending.get(message.id);
      pending.delete(message.id);
      if (!task) return;
      if ("digest" in message) task.resolve(message.digest);
      else task.reject(message.error.code ? new BriefingError(message.error.code, message.error.message) : new Error(message.error.message));
    });
    started.on("error", (error) => failAll(new BriefingError("store", `the search thread failed: ${error.message}`, { cause: error })));
    started.on("exit", () => {
      if (worker === started) worker = null;
      failAll(new BriefingError("store", "the search thread stopped"));
    });
    worker = started;
    return started;
  };

  return {
    reconfigure(next) {
      config = next;
      worker?.postMessage({ config } satisfies SearchConfigUpdate);
    },
    async close() {
      const running = worker;
      worker = null;
      if (running) await running.terminate();
    },
    async search(request) {
      const names = await outlets();
      return new Promise<Digest>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        thread().postMessage({ id, request, now: clock.now().toISOString(), outlets: names } satisfies SearchTask);
      });
    },
  };
}
