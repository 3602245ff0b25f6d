export type BriefingErrorCode =
  | "config"
  | "query"
  | "fetch"
  | "parse"
  | "store"
  | "delivery"
  | "command"
  | "usage";

/** Base of every error the bot raises on purpose; `code` tells callers how to react. */
export class BriefingError extends Error {
  override readonly name: string = "BriefingError";
  constructor(
    readonly code: BriefingErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Bad input from a person (arguments, a file they named); the CLI exits 2 on it. */
export class UsageError extends BriefingError {
  override readonly name = "UsageError";
  constructor(message: string, options?: { cause?: unknown }) {
    super("usage", message, options);
  }
}

export function isBriefingError(error: unknown): error is BriefingError {
  return error instanceof BriefingError;
}
