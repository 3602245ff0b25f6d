import { createHmac, timingSafeEqual } from "node:crypto";

/** Slack's window: a request signed more than five minutes before or after now is refused. */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

export type SignatureCheck = { ok: true } | { ok: false; reason: "missing-headers" | "stale" | "future" | "bad-signature" };

export interface SignedRequest {
  signature: string | undefined;
  timestamp: string | undefined;
  rawBody: Buffer;
}

/**
 * Verifies `X-Slack-Signature` over the raw bytes as received (never a re-serialised body), and refuses a
 * timestamp more than five minutes in the past or the future: Bolt's own check accepts one an hour ahead.
 */
export function verifySlackSignature(request: SignedRequest, signingSecret: string, nowMs: number): SignatureCheck {
  const { signature, timestamp } = request;
  if (!signature || !timestamp || !/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: "missing-headers" };
  const skew = nowMs - Number(timestamp) * 1000;
  if (skew > MAX_CLOCK_SKEW_MS) return { ok: false, reason: "stale" };
  if (-skew > MAX_CLOCK_SKEW_MS) return { ok: false, reason: "future" };
  const hmac = createHmac("sha256", signingSecret);
  hmac.update(`v0:${timestamp}:`);
  hmac.update(request.rawBody);
  const expected = Buffer.from(`v0=${hmac.digest("hex")}`, "utf8");
  const given = Buffer.from(signature, "utf8");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "bad-signature" };
  return { ok: true };
}
