import { z } from "zod";
import { isPostgresUrl } from "./postgres-url.js";

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === "" ? undefined : value.trim()));

/** The environment the bot reads: secrets and deployment settings, never the YAML file. */
export const envSchema = z.object({
  BRIEFING_CONFIG: optionalText,
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  SLACK_BOT_TOKEN: optionalText,
  SLACK_APP_TOKEN: optionalText,
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_API_URL: optionalText,
  /** With SLACK_CLIENT_SECRET: installs in many workspaces through /slack/install (needs BRIEFING_SECRET_KEY). */
  SLACK_CLIENT_ID: optionalText,
  SLACK_CLIENT_SECRET: optionalText,
  /** Signs OAuth install states; derived from the client secret when unset. */
  SLACK_STATE_SECRET: optionalText,
  DISCORD_TOKEN: optionalText,
  DISCORD_APPLICATION_ID: optionalText,
  DISCORD_API_URL: optionalText,
  /** Turns on the `/status` page and is the password it asks for. */
  STATUS_TOKEN: optionalText,
  /** 32 random bytes (hex or base64) sealing stored feed credentials; see README. */
  BRIEFING_SECRET_KEY: optionalText,
  /** postgres://… : run on this PostgreSQL server instead of the SQLite file (`storage.url` in the config wins). */
  DATABASE_URL: optionalText.refine((url) => url === undefined || isPostgresUrl(url), "must be a postgres:// URL"),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
});

export type Env = z.infer<typeof envSchema>;

/** Names of the variables whose values must never be printed. */
export const SECRET_ENV_NAMES = ["SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET", "DISCORD_TOKEN", "STATUS_TOKEN", "BRIEFING_SECRET_KEY", "DATABASE_URL"] as const;
