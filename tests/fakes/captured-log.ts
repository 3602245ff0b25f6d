/** One log call as the code under test made it. */
export interface LogEntry {
  level: "debug" | "info" | "warn" | "error";
  fields: object;
  message: string;
}

export interface CapturedLog {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
  entries: LogEntry[];
  /** Everything logged as text, errors with their message, stack, cause and own properties (a URL on one shows). */
  text(): string;
}

/** A logger that keeps every call, at every level, for assertions and leak checks. */
export function createCapturedLog(): CapturedLog {
  const entries: LogEntry[] = [];
  const at = (level: LogEntry["level"]) => (fields: object, message: string) => void entries.push({ level, fields, message });
  return {
    entries,
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
    text: () => entries.map((entry) => JSON.stringify({ ...entry, fields: expand(entry.fields, 0) })).join("\n"),
  };
}

function expand(value: unknown, depth: number): unknown {
  if (depth > 5) return "…";
  if (value instanceof Error) {
    return { ...expand({ ...value }, depth + 1) as object, name: value.name, message: value.message, stack: value.stack, cause: expand(value.cause, depth + 1) };
  }
  if (Array.isArray(value)) return value.map((item) => expand(item, depth + 1));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expand(v, depth + 1)]));
  return typeof value === "bigint" ? String(value) : value;
}
