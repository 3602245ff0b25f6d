/** The logging the Discord adapter needs; a pino logger fits. Fields are snake_case data, never secrets. */
export interface DiscordLog {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/**
 * A REST route as it may be logged: webhook and interaction routes carry their token in the path
 * (`/webhooks/<id>/<token>`), and @discordjs/rest reports routes that way, so the token is cut out.
 */
export function safeRoute(route: string): string {
  return route.replace(/\/(webhooks|interactions)\/([^/?]+)\/[^/?]+/g, "/$1/$2/:token");
}

/** Status and code of a Discord error, for logs: no URL (it holds the interaction token), no body. */
export function discordErrorFields(error: unknown): Record<string, unknown> {
  const { status, code, name } = (error ?? {}) as { status?: unknown; code?: unknown; name?: unknown };
  return { error_name: typeof name === "string" ? name : "unknown", status, code };
}
