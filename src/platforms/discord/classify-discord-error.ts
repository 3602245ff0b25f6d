import { DiscordAPIError, HTTPError, RateLimitError } from "discord.js";
import { DeliveryError } from "../../outbox/delivery-error.js";

/** JSON error codes that mean the destination will never take the message. */
const PERMANENT_CODES: Record<number, string> = {
  10003: "the channel no longer exists",
  10013: "the user does not exist",
  10015: "the webhook no longer exists",
  50001: "the bot cannot see the channel (Missing Access)",
  50007: "the user does not accept direct messages from the bot",
  50013: "the bot lacks permission to post there",
  50027: "the webhook token is invalid",
};

export interface ErrorContext {
  /** What was being sent to, for the message: `channel 123…`, `webhook DISCORD_WEBHOOK_NEWS`. */
  destination: string;
  /** Webhook errors carry the secret URL (in `url` and the route): keep them out of `cause`. */
  secretUrl?: boolean;
}

/**
 * Classifies a failed send once. Rate limits that @discordjs/rest chose not to wait out, network failures
 * and 5xx are worth retrying later; 400 (the body itself), 401, 403 and 404 never get better by retrying,
 * and retrying them would burn Discord's invalid-request budget.
 */
export function classifyDiscordError(error: unknown, context: ErrorContext): DeliveryError {
  const cause = context.secretUrl ? undefined : error;
  const to = context.destination;
  if (error instanceof DeliveryError) return error;
  if (error instanceof RateLimitError) {
    const waitMs = Math.max(error.retryAfter, error.timeToReset);
    const scope = error.global ? "global" : error.scope;
    return new DeliveryError("retry", `Discord rate limit (${scope}) for ${to}; retry in ${Math.ceil(waitMs / 1000)} s`, { cause, retryAfterMs: waitMs });
  }
  if (error instanceof DiscordAPIError) {
    const code = typeof error.code === "number" ? error.code : 0;
    const detail = `${error.status} ${PERMANENT_CODES[code] ?? error.message.split("\n")[0]}${code ? ` (code ${code})` : ""}`;
    if (error.status === 429) {
      const raw = error.rawError as { retry_after?: unknown };
      const retryAfterMs = typeof raw.retry_after === "number" ? Math.ceil(raw.retry_after * 1000) : undefined;
      return new DeliveryError("retry", `Discord rate limit for ${to}`, { cause, retryAfterMs });
    }
    if (error.status >= 500) return new DeliveryError("retry", `Discord error for ${to}: ${detail}`, { cause });
    if (error.status === 401) {
      const what = context.secretUrl ? "the webhook token is invalid" : "the bot token was rejected; set a new DISCORD_TOKEN";
      return new DeliveryError("permanent", `Discord 401 for ${to}: ${what}`, { cause, scope: context.secretUrl ? "target" : "platform" });
    }
    return new DeliveryError("permanent", `Discord refused the message for ${to}: ${detail}`, { cause });
  }
  if (error instanceof HTTPError) {
    return new DeliveryError(error.status >= 500 ? "retry" : "permanent", `Discord HTTP ${error.status} for ${to}`, { cause });
  }
  return new DeliveryError("retry", `could not reach Discord for ${to}: ${networkReason(error)}`, { cause });
}

/** The kind of network failure, without the address it happened on. */
function networkReason(error: unknown): string {
  if (!(error instanceof Error)) return "unknown error";
  if (error.name === "AbortError" || error.name === "TimeoutError") return "timed out";
  const code = (error as { code?: unknown }).code ?? (error.cause as { code?: unknown } | undefined)?.code;
  return typeof code === "string" ? code : error.name;
}
