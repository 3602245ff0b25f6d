import { validate as isValidCron } from "node-cron";
import { z } from "zod";
import { isPostgresUrl } from "./postgres-url.js";
import { durationSchema } from "./duration.js";
import { targetSchema } from "./target.js";

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const idSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, "use lower-case letters, digits and dashes, like china-ai-rules");

export const timeZoneSchema = z.string().refine(isTimeZone, {
  error: (issue) => `"${String(issue.input)}" is not an IANA time zone such as Asia/Shanghai or Europe/Berlin`,
});

export const cronSchema = z.string().refine((expr) => isValidCron(expr), {
  error: (issue) => `"${String(issue.input)}" is not a cron expression; weekdays at 09:00 is "0 9 * * 1-5"`,
});

export const sourceConfigSchema = z
  .strictObject({
    id: idSchema,
    url: z.url({ protocol: /^https?$/, error: "must be an http or https URL" }).optional(),
    path: z.string().min(1).optional(),
    name: z.string().optional(),
    weight: z.number().positive().max(10).default(1),
    every: durationSchema.optional(),
  })
  .refine((source) => (source.url === undefined) !== (source.path === undefined), {
    message: "give exactly one of url or path",
  });

export const topicConfigSchema = z.strictObject({
  id: idSchema,
  name: z.string().min(1),
  query: z.string().min(1, "a topic needs a query"),
  threshold: z.number().nonnegative().optional(),
  /** At most this many of the topic's stories in any digest; without it the topic gets a fair share. */
  max_stories: z.number().int().min(1).max(100).optional(),
});

export const digestConfigSchema = z.strictObject({
  id: idSchema.optional(),
  to: targetSchema,
  schedule: cronSchema.default("0 9 * * 1-5"),
  timezone: timeZoneSchema.optional(),
  topics: z.array(idSchema).min(1, "list at least one topic id, or leave topics out for all of them").optional(),
  max_stories: z.number().int().min(1).max(100).default(12),
  /**
   * How far back by publication date a first digest (and a feed added later) reaches: a duration, or
   * "all" for no limit. Default: one period of the schedule (24 h for a daily digest).
   */
  look_back: z.union([z.literal("all"), durationSchema]).optional(),
  when_empty: z.enum(["skip", "note"]).default("skip"),
});

/**
 * How often feeds are polled. `every` is a feed's interval until it has published something to learn from;
 * then the interval follows how often it publishes, within [min_interval, max_interval]. max_interval is
 * the longest a quiet feed waits between polls, so it bounds how late a watch alert can be; unset, it is
 * 15 minutes, or `every` when that is longer.
 */
export const pollConfigSchema = z.strictObject({
  every: durationSchema.default(600_000),
  min_interval: durationSchema.default(120_000),
  max_interval: durationSchema.optional(),
  concurrency: z.number().int().min(1).max(256).default(16),
  per_host: z.number().int().min(1).max(32).default(2),
  timeout: durationSchema.default(30_000),
  max_bytes: z.number().int().min(1024).default(10 * 1024 * 1024),
  allow_private_networks: z.boolean().default(false),
});

/** Passwords belong in DATABASE_URL (the environment), not in the file: a URL here may name none. */
const postgresUrlSchema = z
  .string()
  .refine(isPostgresUrl, "must start with postgres:// (or postgresql://) and be a valid URL")
  .refine((url) => !isPostgresUrl(url) || new URL(url).password === "", "must not hold a password: put the URL in the DATABASE_URL environment variable instead");

/** SQLite at `path` (the default, nothing to set up), or the PostgreSQL server at `url` (several workers). */
const storageSchema = z.strictObject({
  path: z.string().min(1).default("data/briefing.db"),
  url: postgresUrlSchema.optional(),
});

export const briefingConfigSchema = z
  .strictObject({
    beat: z.string().min(1).default("Briefing"),
    timezone: timeZoneSchema.default("UTC"),
    storage: storageSchema.default({ path: "data/briefing.db" }),
    poll: pollConfigSchema.default(pollConfigSchema.parse({})),
    sources: z.array(sourceConfigSchema).min(1, "add at least one source"),
    aliases: z.record(z.string().regex(/^[a-z][a-z0-9_-]*$/, "alias names are lower-case"), z.string().min(1)).default({}),
    topics: z.array(topicConfigSchema).min(1, "add at least one topic"),
    digests: z.array(digestConfigSchema).default([]),
    cluster: z.strictObject({ window: durationSchema.default(259_200_000) }).default({ window: 259_200_000 }),
    /** Items published longer than `max_age` before they were first seen are stored and searchable but alert nobody. */
    alerts: z.strictObject({ max_age: durationSchema.default(172_800_000) }).default({ max_age: 172_800_000 }),
    /** Workspaces and servers managing their own feeds, topics and digests from chat. */
    tenants: z
      .strictObject({
        /** Most feeds one workspace may add from chat. */
        max_feeds: z.number().int().min(0).max(10_000).default(50),
        /** Workspaces (`slack:T…`, `discord:<guild id>`) that stay on this file's settings and change them from chat. */
        default_workspaces: z.array(z.string().regex(/^(slack|discord):[A-Za-z0-9]+$/, "write slack:<team id> or discord:<guild id>")).default([]),
      })
      .default({ max_feeds: 50, default_workspaces: [] }),
    admins: z
      .strictObject({
        slack: z.array(z.string()).default([]),
        discord: z.array(z.string()).default([]),
        /** Where the bot reports trouble an operator must fix, such as a deleted channel. */
        notify: targetSchema.optional(),
        /** Where notices go, besides the error log, while the `notify` platform cannot post (its token revoked). */
        notify_fallback: targetSchema.optional(),
      })
      .default({ slack: [], discord: [] }),
  })
  .superRefine((config, ctx) => {
    if (config.poll.max_interval !== undefined && config.poll.min_interval > config.poll.max_interval) {
      ctx.addIssue({ code: "custom", path: ["poll", "min_interval"], message: "is longer than max_interval; a feed cannot be polled both that rarely and that often" });
    }
    // Duplicate ids and unknown topic ids are checked by check-references.ts, on the file as written.
  });

export type BriefingConfig = z.infer<typeof briefingConfigSchema>;
export type DigestConfig = BriefingConfig["digests"][number];
