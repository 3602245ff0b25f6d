import { REST, type RESTOptions, type RateLimitData } from "discord.js";
import { safeRoute, type DiscordLog } from "./discord-log.js";

export const DEFAULT_DISCORD_API_URL = "https://discord.com/api";

export interface DiscordRestSettings {
  /** API base without the version, e.g. `https://discord.com/api` (DISCORD_API_URL). */
  apiUrl?: string;
  /**
   * Rate-limit waits up to this long are waited out by @discordjs/rest (buckets, global, Retry-After);
   * longer ones are thrown, so the outbox reschedules the message instead of blocking every send.
   */
  maxRateLimitWaitMs?: number;
}

/**
 * Options for every REST client of the adapter. `retries: 0`: @discordjs/rest would otherwise resend a
 * POST after a timeout or 5xx on its own, and a webhook post (which has no nonce) could appear twice;
 * the outbox alone decides about retries. Rate limits are still handled by @discordjs/rest.
 */
export function discordRestOptions(settings: DiscordRestSettings): Partial<RESTOptions> {
  const maxWait = settings.maxRateLimitWaitMs ?? 10_000;
  return {
    api: settings.apiUrl ?? DEFAULT_DISCORD_API_URL,
    retries: 0,
    invalidRequestWarningInterval: 500,
    rejectOnRateLimit: (data: RateLimitData) => Math.max(data.timeToReset, data.retryAfter) > maxWait,
  };
}

/** A REST client with the adapter's options; the token is optional (webhook-only use needs none). */
export function createDiscordRest(settings: DiscordRestSettings & { token?: string | null; log: DiscordLog }): REST {
  const rest = new REST(discordRestOptions(settings));
  if (settings.token) rest.setToken(settings.token);
  watchRateLimits(rest, settings.log);
  return rest;
}

/** Logs rate limits with the route's token cut out; the URL itself is never logged. */
export function watchRateLimits(rest: REST, log: DiscordLog): void {
  rest.on("rateLimited", (data) => {
    log.info(
      { route: safeRoute(data.route), method: data.method, global: data.global, scope: data.scope, wait_ms: Math.round(data.timeToReset) },
      "discord rate limit: waiting",
    );
  });
  rest.on("invalidRequestWarning", (data) => {
    log.warn({ invalid_requests: data.count, reset_in_ms: data.remainingTime }, "many invalid Discord requests (401/403/429)");
  });
}
