/** A `discord…` target as the Discord sender understands it. */
export type DiscordTarget =
  | { kind: "channel"; channelId: string }
  | { kind: "user"; userId: string }
  | { kind: "webhook"; envName: string };

const SNOWFLAKE = /^\d{17,20}$/;
const ENV_NAME = /^[A-Z][A-Z0-9_]*$/;

/** `discord:<channel id>`, `discord-user:<user id>` or `discord-webhook:<ENV_NAME>`; null for anything else. */
export function parseDiscordTarget(target: string): DiscordTarget | null {
  const colon = target.indexOf(":");
  const kind = target.slice(0, colon);
  const rest = target.slice(colon + 1);
  if (kind === "discord" && SNOWFLAKE.test(rest)) return { kind: "channel", channelId: rest };
  if (kind === "discord-user" && SNOWFLAKE.test(rest)) return { kind: "user", userId: rest };
  if (kind === "discord-webhook" && ENV_NAME.test(rest)) return { kind: "webhook", envName: rest };
  return null;
}
