import type { IncomingMessage } from "node:http";

/** Slack's own limit for a request body; larger ones are answered 413 without reading further. */
export const SLACK_BODY_LIMIT_BYTES = 4 * 1024 * 1024;

export type RawBody = { ok: true; body: Buffer } | { ok: false; reason: "too-large" | "aborted" };

/** Reads the body as bytes, stopping at `limit` (a lying or missing Content-Length does not get past it). */
export async function readRawBody(request: IncomingMessage, limit: number): Promise<RawBody> {
  const declared = Number(request.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) return { ok: false, reason: "too-large" };
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of request) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
      size += buffer.length;
      if (size > limit) return { ok: false, reason: "too-large" };
      chunks.push(buffer);
    }
  } catch {
    return { ok: false, reason: "aborted" };
  }
  return { ok: true, body: Buffer.concat(chunks) };
}
