import { LogLevel, type Logger } from "@slack/bolt";

/** The logging the Slack adapter needs; a pino logger satisfies it. */
export interface SlackLog {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
  /** pino's level name; Bolt reads it to decide whether to build its debug strings at all. */
  level?: string;
}

const LEVELS: readonly string[] = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];

/**
 * Bolt, the Web API client and the Socket Mode client log through this. Their messages are free text, so
 * the tokens and signing secret are masked here as well as by the runtime's logger configuration.
 */
export function toBoltLogger(log: SlackLog, secrets: string[]): Logger {
  const masked = secrets.filter((secret) => secret.length >= 6);
  let level: LogLevel = LEVELS.includes(log.level ?? "") ? (log.level as LogLevel) : LogLevel.INFO;
  let name = "bolt";
  const text = (parts: unknown[]) => {
    let out = parts.map((part) => (part instanceof Error ? part.message : typeof part === "string" ? part : safeJson(part))).join(" ");
    for (const secret of masked) out = out.split(secret).join("[redacted]");
    // Tokens of OAuth-installed workspaces are not known in advance: masked by their shape.
    return out.replace(/\bxox[a-z]-[A-Za-z0-9-]+/g, "[redacted]");
  };
  return {
    debug: (...parts: unknown[]) => log.debug({ component: name }, text(parts)),
    info: (...parts: unknown[]) => log.info({ component: name }, text(parts)),
    warn: (...parts: unknown[]) => log.warn({ component: name }, text(parts)),
    error: (...parts: unknown[]) => log.error({ component: name }, text(parts)),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: (next) => {
      name = next;
    },
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
