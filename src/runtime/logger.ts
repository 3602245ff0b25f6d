import { pino, type Logger, type LevelWithSilent } from "pino";
import pretty from "pino-pretty";
import { maskUrlsInText } from "../domain/mask-url.js";

export type { Logger };

/** Key paths whose values are never written, wherever they appear in a log record. */
export const REDACTED_PATHS = [
  "token",
  "*.token",
  "*.*.token",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "*.headers.authorization",
  "signingSecret",
  "*.signingSecret",
  "appToken",
  "*.appToken",
  "botToken",
  "*.botToken",
  "webhookUrl",
  "*.webhookUrl",
];

export interface LoggerOptions {
  level: LevelWithSilent;
  /** Secret values from the environment; any log line containing one has it masked. */
  secrets: string[];
  /** Human-readable output (a terminal); JSON lines otherwise. */
  pretty: boolean;
  destination?: NodeJS.WritableStream;
}

/** Logs go to stderr so that stdout carries only what a command prints (a digest, JSON). */
export function createLogger(options: LoggerOptions): Logger {
  const secrets = options.secrets.filter((secret) => secret.length >= 6);
  const destination = options.destination ?? process.stderr;
  const stream = options.pretty
    ? pretty({ destination, sync: true, colorize: destination === process.stderr && process.stderr.isTTY, ignore: "pid,hostname" })
    : destination;
  return pino(
    {
      level: options.level,
      base: undefined,
      redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
      hooks: {
        // Feed URLs may carry `user:pass@` or `?token=`: masked in every line, whatever field holds them.
        streamWrite: (line) => maskUrlsInText(maskSecrets(line, secrets)),
      },
    },
    stream,
  );
}

export function maskSecrets(text: string, secrets: string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (out.includes(secret)) out = out.split(secret).join("[redacted]");
  }
  return out;
}
