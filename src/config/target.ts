import { z } from "zod";

/**
 * Where a digest or alert goes: `console`, `slack:#news` (or `slack:C0123`, or `slack:@U0123` for a DM),
 * `discord:<channel id>`, `discord-user:<user id>` (a DM) or `discord-webhook:<ENV_NAME>`.
 */
export type Target =
  | { platform: "console" }
  | { platform: "slack"; channel: string }
  | { platform: "discord"; channelId: string }
  /** A direct message to one Discord user (watch alerts). */
  | { platform: "discord-user"; userId: string }
  | { platform: "discord-webhook"; envName: string };

const SNOWFLAKE = /^\d{17,20}$/;
const ENV_NAME = /^[A-Z][A-Z0-9_]*$/;

export function parseTarget(text: string): Target | string {
  if (text === "console") return { platform: "console" };
  const colon = text.indexOf(":");
  const kind = colon < 0 ? text : text.slice(0, colon);
  const rest = colon < 0 ? "" : text.slice(colon + 1);
  switch (kind) {
    case "slack":
      return rest ? { platform: "slack", channel: rest } : "slack target needs a channel: slack:#news or slack:C0123456";
    case "discord":
      return SNOWFLAKE.test(rest) ? { platform: "discord", channelId: rest } : "discord target needs a channel id: discord:123456789012345678";
    case "discord-user":
      return SNOWFLAKE.test(rest) ? { platform: "discord-user", userId: rest } : "discord-user target needs a user id: discord-user:123456789012345678";
    case "discord-webhook":
      return ENV_NAME.test(rest)
        ? { platform: "discord-webhook", envName: rest }
        : "discord-webhook target names the environment variable that holds the webhook URL: discord-webhook:DISCORD_WEBHOOK_NEWS";
    default:
      return `unknown target "${text}"; use console, slack:#channel, discord:<channel id> or discord-webhook:<ENV_NAME>`;
  }
}

export function formatTarget(target: Target): string {
  switch (target.platform) {
    case "console":
      return "console";
    case "slack":
      return `slack:${target.channel}`;
    case "discord":
      return `discord:${target.channelId}`;
    case "discord-user":
      return `discord-user:${target.userId}`;
    case "discord-webhook":
      return `discord-webhook:${target.envName}`;
  }
}

export const targetSchema = z.string().transform((text, ctx) => {
  const target = parseTarget(text.trim());
  if (typeof target === "string") {
    ctx.addIssue({ code: "custom", message: target });
    return z.NEVER;
  }
  return target;
});
