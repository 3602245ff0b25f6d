import { z } from "zod";

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)$/;

/** Milliseconds in a duration written as `90s`, `10m`, `72h` or `7d`; null when it is not one. */
export function parseDuration(text: string): number | null {
  const found = DURATION.exec(text.trim());
  if (!found) return null;
  const unit = found[2] as keyof typeof UNIT_MS;
  return Math.round(Number(found[1]) * UNIT_MS[unit]);
}

/** A duration in config: a string such as `10m`, read as milliseconds. */
export const durationSchema = z.string().transform((text, ctx) => {
  const ms = parseDuration(text);
  if (ms === null || ms <= 0) {
    ctx.addIssue({ code: "custom", message: `"${text}" is not a duration; write it like 90s, 10m, 72h or 7d` });
    return z.NEVER;
  }
  return ms;
});
