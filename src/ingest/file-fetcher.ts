import { open } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import { tooLargeError } from "./body-cap.js";
import { FetchError } from "./fetch-error.js";
import type { Fetcher } from "./fetcher.js";

/**
 * Reads `path:` sources (samples, tests). The file's mtime stands in for Last-Modified, so an
 * unchanged file costs a stat, like a 304.
 */
export function createFileFetcher(options: { maxBytes?: number | undefined } = {}): Fetcher {
  const maxBytes = options.maxBytes ?? 10 * 1024 * 1024;
  return {
    async fetch(path, validators) {
      let handle;
      try {
        handle = await open(path, "r");
      } catch (error) {
        const code = (error as { code?: string }).code;
        const reason = code === "ENOENT" ? "the file does not exist" : "the file could not be read";
        throw new FetchError("file", reason, { cause: error });
      }
      try {
        const stat = await handle.stat();
        if (!stat.isFile()) throw new FetchError("file", "that path is not a file");
        if (stat.size > maxBytes) throw tooLargeError(maxBytes);
        const lastModified = stat.mtime.toISOString();
        if (validators.lastModified === lastModified) return { status: "not-modified", etag: null, lastModified, movedTo: null };
        const body = await handle.readFile();
        if (body.length > maxBytes) throw tooLargeError(maxBytes);
        return { status: "fetched", body, contentType: null, url: pathToFileURL(path).href, etag: null, lastModified, movedTo: null };
      } catch (error) {
        if (error instanceof FetchError) throw error;
        throw new FetchError("file", "the file could not be read", { cause: error });
      } finally {
        await handle.close();
      }
    },
    async close() {},
  };
}
