import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import type { ParsedFeed } from "../domain/item.js";
import { FetchError } from "./fetch-error.js";
import { replyToFeed, runParseJob, type ParseJob, type ParseReply } from "./parse-job.js";
import { startWorker } from "./start-worker.js";

export interface ParsePoolOptions {
  /** Worker threads; 0 parses on the calling thread (no deadline, no isolation: tests and tools only). */
  size?: number | undefined;
  /** A parse still running after this is abandoned and its worker replaced. */
  deadlineMs?: number | undefined;
  /** Heap limit of each worker; a feed that needs more fails alone. */
  maxHeapMb?: number | undefined;
}

/** Parses feeds off the main thread, so a pathological feed cannot block polling or the bot. */
export interface ParsePool {
  parse(job: ParseJob): Promise<ParsedFeed>;
  close(): Promise<void>;
}

interface Task {
  id: number;
  job: ParseJob;
  resolve(feed: ParsedFeed): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  /** Set once the worker has loaded its code; its start-up does not count against a deadline. */
  ready: boolean;
  task: Task | null;
  timer: NodeJS.Timeout | null;
}

const TOO_SLOW = "the feed took too long to parse (too large or too complex)";
const TOO_BIG = "the feed needs too much memory to parse";

export function createParsePool(options: ParsePoolOptions = {}): ParsePool {
  const size = options.size ?? Math.max(1, Math.min(4, availableParallelism()));
  const deadlineMs = options.deadlineMs ?? 10_000;
  const maxHeapMb = options.maxHeapMb ?? 96;
  const slots: Slot[] = [];
  const queue: Task[] = [];
  let nextId = 1;
  let closed = false;

  if (size === 0) {
    return { parse: async (job) => replyToFeed(await runParseJob(job)), close: async () => undefined };
  }

  function retire(slot: Slot, error: FetchError | null): void {
    if (slot.timer) clearTimeout(slot.timer);
    const index = slots.indexOf(slot);
    if (index !== -1) slots.splice(index, 1);
    if (slot.task && error) slot.task.reject(error);
    slot.task = null;
    void slot.worker.terminate();
    // A worker that dies before loading would die again: fail what waits instead of looping.
    if (!slot.ready) for (const task of queue.splice(0)) task.reject(new Error("the feed parser could not start", { cause: error }));
    pump();
  }

  function spawn(): Slot {
    const worker = startWorker(new URL("./parse-worker.js", import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: maxHeapMb, maxYoungGenerationSizeMb: 8 } });
    const slot: Slot = { worker, ready: false, task: null, timer: null };
    worker.on("message", (message: { id: number; reply: ParseReply } | "ready") => {
      if (message === "ready") {
        slot.ready = true;
        return pump();
      }
      const task = slot.task;
      if (!task || task.id !== message.id) return;
      if (slot.timer) clearTimeout(slot.timer);
      slot.task = null;
      slot.timer = null;
      try {
        task.resolve(replyToFeed(message.reply));
      } catch (error) {
        task.reject(error as Error);
      }
      pump();
    });
    worker.on("error", (error) => {
      const memory = (error as { code?: string }).code === "ERR_WORKER_OUT_OF_MEMORY";
      retire(slot, new FetchError("too-complex", memory ? TOO_BIG : "the feed could not be parsed", { cause: error }));
    });
    worker.on("exit", () => {
      if (slots.includes(slot)) retire(slot, new FetchError("too-complex", "the feed could not be parsed"));
    });
    slots.push(slot);
    return slot;
  }

  function pump(): void {
    if (closed) return;
    const wanted = Math.min(size, slots.filter((slot) => slot.task !== null).length + queue.length);
    while (slots.length < wanted) spawn();
    while (queue.length > 0) {
      const slot = slots.find((candidate) => candidate.ready && candidate.task === null);
      if (!slot) return;
      const task = queue.shift()!;
      slot.task = task;
      slot.timer = setTimeout(() => retire(slot, new FetchError("too-complex", TOO_SLOW)), deadlineMs);
      slot.worker.postMessage({ id: task.id, job: task.job });
    }
  }

  return {
    parse(job) {
      if (closed) return Promise.reject(new Error("parse pool is closed"));
      return new Promise<ParsedFeed>((resolve, reject) => {
        queue.push({ id: nextId++, job, resolve, reject });
        pump();
      });
    },
    async close() {
      closed = true;
      for (const task of queue.splice(0)) task.reject(new Error("parse pool is closed"));
      const running = slots.splice(0);
      for (const slot of running) {
        if (slot.timer) clearTimeout(slot.timer);
        slot.task?.reject(new Error("parse pool is closed"));
      }
      await Promise.all(running.map((slot) => slot.worker.terminate()));
    },
  };
}
