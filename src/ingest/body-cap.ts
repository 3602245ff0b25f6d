import { Transform, type Readable, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";
import { FetchError } from "./fetch-error.js";

export function tooLargeError(maxBytes: number): FetchError {
  return new FetchError("too-large", `the feed is larger than ${formatBytes(maxBytes)}`);
}

/**
 * Reads a response body to the end, undoing its content codings, and stops at `maxBytes`
 * of DECODED data: a 1 MB gzip bomb is cut off after `maxBytes`, not after 1 GB. Every
 * stream in the chain is destroyed on error, so late bytes are neither buffered nor parsed.
 */
export async function readCappedBody(
  body: Readable,
  contentEncoding: string | undefined,
  maxBytes: number,
  signal?: AbortSignal,
): Promise<Buffer> {
  const decoders = createDecoders(contentEncoding);
  if (decoders.length === 0) return readPlain(body, maxBytes);
  const chunks: Buffer[] = [];
  let total = 0;
  let overflow: Error | null = null;
  const sink = async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) {
      total += chunk.length;
      if (total > maxBytes) throw (overflow = tooLargeError(maxBytes));
      chunks.push(chunk);
    }
  };
  const streams = [body, ...decoders, sink] as unknown as Parameters<typeof pipeline>;
  try {
    await (pipeline as (...args: unknown[]) => Promise<void>)(...streams, signal ? { signal } : {});
  } catch (error) {
    // Tearing the chain down can surface as an AbortError; the cap is the real reason.
    throw overflow ?? error;
  } finally {
    if (!body.destroyed) body.destroy();
  }
  return Buffer.concat(chunks, total);
}

/** The common uncompressed case, without a pipeline's set-up cost. */
async function readPlain(body: Readable, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > maxBytes) throw tooLargeError(maxBytes);
      chunks.push(chunk);
    }
  } finally {
    if (!body.destroyed) body.destroy();
  }
  return Buffer.concat(chunks, total);
}

/** Decoders for a `Content-Encoding` list, innermost coding last (so applied in reverse). */
function createDecoders(header: string | undefined): Transform[] {
  const codings = (header ?? "")
    .split(",")
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== "" && coding !== "identity");
  return codings.reverse().map((coding) => {
    if (coding === "gzip" || coding === "x-gzip") return zlib.createGunzip();
    if (coding === "br") return zlib.createBrotliDecompress();
    if (coding === "deflate") return new AutoInflate();
    throw new FetchError("not-a-feed", `the server used an unsupported content encoding (${coding.slice(0, 20)})`);
  });
}

/** "deflate" is meant to be zlib-wrapped, but some servers send raw deflate; the first byte tells. */
class AutoInflate extends Transform {
  private inner: zlib.Inflate | zlib.InflateRaw | null = null;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (!this.inner) {
      const zlibWrapped = chunk.length >= 2 && (chunk[0]! & 0x0f) === 8 && ((chunk[0]! << 8) | chunk[1]!) % 31 === 0;
      this.inner = zlibWrapped ? zlib.createInflate() : zlib.createInflateRaw();
      this.inner.on("data", (data: Buffer) => this.push(data));
      this.inner.on("error", (error) => this.destroy(error));
    }
    this.inner.write(chunk, () => callback());
  }

  override _flush(callback: TransformCallback): void {
    if (!this.inner) return callback();
    this.inner.once("end", () => callback());
    this.inner.end();
  }

  override _destroy(error: Error | null, callback: (error: Error | null) => void): void {
    this.inner?.destroy();
    callback(error);
  }
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
