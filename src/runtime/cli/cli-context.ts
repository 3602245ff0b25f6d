import type { Clock } from "../../domain/clock.js";
import { envSchema, SECRET_ENV_NAMES, type Env } from "../../config/env.js";
import { ConfigError, issuesFromZod } from "../../config/config-error.js";
import { loadConfig, type LoadedConfig } from "../../config/load-config.js";
import { createLogger, type Logger } from "../logger.js";
import { checkQueries } from "../query-check.js";

export interface TextSink {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** Everything a command may touch of the outside world, passed in so tests can run commands in-process. */
export interface CliIo {
  stdout: TextSink;
  stderr: TextSink;
  env: NodeJS.ProcessEnv;
  clock: Clock;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM). */
  stopSignal: Promise<string>;
  /** Calls `listener` each time the process is asked to reload its config (SIGHUP); returns an unsubscribe. */
  onReload?: (listener: () => void) => () => void;
}

export interface CliContext {
  io: CliIo;
  env(): Env;
  /** `--config`, else BRIEFING_CONFIG, else config/briefing.yaml. */
  configPath(option: string | undefined): string;
  loadConfig(option: string | undefined): Promise<LoadedConfig>;
  logger(): Logger;
  /** Prints a value: JSON when `json` is set, text otherwise. */
  print(value: unknown, json: boolean, text?: () => string): void;
  /** The exit status of a command that finished without an error but must still report failure (doctor). */
  exitCode: number;
}

export const DEFAULT_CONFIG_PATH = "config/briefing.yaml";

export function createCliContext(io: CliIo): CliContext {
  let env: Env | undefined;
  let log: Logger | undefined;
  const readEnv = (): Env => {
    if (env) return env;
    const parsed = envSchema.safeParse(io.env);
    if (!parsed.success) throw new ConfigError("environment", issuesFromZod(parsed.error));
    env = parsed.data;
    return env;
  };
  return {
    io,
    exitCode: 0,
    env: readEnv,
    configPath: (option) => option ?? readEnv().BRIEFING_CONFIG ?? DEFAULT_CONFIG_PATH,
    loadConfig(option) {
      return loadConfig(this.configPath(option), [checkQueries]);
    },
    logger() {
      if (log) return log;
      const current = readEnv();
      const secrets = [...SECRET_ENV_NAMES.map((name) => current[name]), passwordOf(current.DATABASE_URL)].filter((value): value is string => Boolean(value));
      log = createLogger({ level: current.LOG_LEVEL, secrets, pretty: Boolean(io.stderr.isTTY), destination: io.stderr as NodeJS.WritableStream });
      return log;
    },
    print(value, json, text) {
      io.stdout.write(json || !text ? `${JSON.stringify(value, null, json ? undefined : 2)}\n` : `${text()}\n`);
    },
  };
}

/** The password inside a database URL, which may show up without the rest of the URL. */
function passwordOf(url: string | undefined): string | undefined {
  if (!url || !URL.canParse(url)) return undefined;
  const { password } = new URL(url);
  return password ? decodeURIComponent(password) : undefined;
}
