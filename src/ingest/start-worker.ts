import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker, type WorkerOptions } from "node:worker_threads";

/**
 * Starts a worker thread on `entry` (the built `.js` file's URL). Built code runs it directly. From
 * TypeScript sources (tsx, vitest) the worker registers tsx first and imports the `.ts` sibling:
 * Node 20 does not hand a parent's `--import` loader to workers' entries.
 */
export function startWorker(entry: URL, options: WorkerOptions = {}): Worker {
  if (existsSync(fileURLToPath(entry))) return new Worker(entry, options);
  const source = new URL(entry.href.replace(/\.js$/, ".ts")).href;
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve("tsx/esm/api").replace(/\.cjs$/, ".mjs")).href;
  const code = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); });`;
  return new Worker(code, { ...options, eval: true });
}
