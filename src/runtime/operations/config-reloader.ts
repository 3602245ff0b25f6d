import { isDeepStrictEqual } from "node:util";
import type { BriefingConfig } from "../../config/config-schema.js";
import { ConfigError } from "../../config/config-error.js";
import type { LoadedConfig } from "../../config/load-config.js";
import type { Logger } from "../logger.js";

export interface ConfigReloaderOptions {
  /** Reads and validates the config file again; throws `ConfigError` when it cannot be used. */
  load(): Promise<LoadedConfig>;
  /** Puts a validated config into effect without dropping work in hand. */
  apply(config: BriefingConfig): Promise<void>;
  current(): BriefingConfig;
  log: Logger;
}

export type ReloadOutcome = { ok: true; restartNeededFor: string[] } | { ok: false; errors: string[] };

/** Settings read once when the process starts; a reload names them instead of applying them. */
const RESTART_ONLY = ["storage", "poll", "cluster"] as const;

/**
 * One reload: re-read, validate, apply. An invalid file is refused with every problem in it and the
 * running config stays in effect. Reloads run one after another.
 */
export function createConfigReloader(options: ConfigReloaderOptions): () => Promise<ReloadOutcome> {
  const { log } = options;
  let last: Promise<unknown> = Promise.resolve();
  const once = async (): Promise<ReloadOutcome> => {
    let next: LoadedConfig;
    try {
      next = await options.load();
    } catch (error) {
      const errors = error instanceof ConfigError ? error.issues.map((issue) => `${issue.path || "(file)"}: ${issue.message}`) : [(error as Error).message];
      log.error({ job: "reload", file: error instanceof ConfigError ? error.file : undefined, errors }, "config refused; the running config stays in effect");
      return { ok: false, errors };
    }
    const before = options.current();
    const restartNeededFor = RESTART_ONLY.filter((key) => !isDeepStrictEqual(before[key], next.config[key]));
    if (restartNeededFor.length > 0) log.warn({ job: "reload", settings: restartNeededFor }, "these settings take effect after a restart");
    await options.apply(next.config);
    return { ok: true, restartNeededFor };
  };
  return () => {
    const run = last.then(once);
    last = run.catch(() => undefined);
    return run;
  };
}
