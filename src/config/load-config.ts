import { readFile } from "node:fs/promises";
import path from "node:path";
import { LineCounter, parseDocument } from "yaml";
import { ConfigError, issuesFromZod, type ConfigIssue } from "./config-error.js";
import { briefingConfigSchema, type BriefingConfig } from "./config-schema.js";

/** Checks what zod cannot: that every query parses. Returns the problems it found. */
export type ConfigCheck = (config: BriefingConfig) => ConfigIssue[];

/** A validated config plus where it came from; source paths are resolved against the file's folder. */
export interface LoadedConfig {
  file: string;
  config: BriefingConfig;
}

export async function loadConfig(file: string, checks: ConfigCheck[] = []): Promise<LoadedConfig> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : "cannot be read";
    throw new ConfigError(file, [{ path: "", message: reason }], { cause: error });
  }
  return parseConfigText(text, file, checks);
}

export function parseConfigText(text: string, file: string, checks: ConfigCheck[] = []): LoadedConfig {
  const lines = new LineCounter();
  const document = parseDocument(text, { prettyErrors: false, uniqueKeys: true, lineCounter: lines });
  if (document.errors.length > 0) {
    throw new ConfigError(
      file,
      document.errors.map((error) => {
        const at = lines.linePos(error.pos[0]);
        const where = `line ${at.line}, column ${at.col}: `;
        return { path: "", message: `not valid YAML: ${where}${firstLine(error.message)}` };
      }),
    );
  }
  const parsed = briefingConfigSchema.safeParse(document.toJS() ?? {});
  if (!parsed.success) throw new ConfigError(file, issuesFromZod(parsed.error));

  const config = resolveSourcePaths(parsed.data, path.dirname(path.resolve(file)));
  const problems = checks.flatMap((check) => check(config));
  if (problems.length > 0) throw new ConfigError(file, problems);
  return { file, config };
}

function resolveSourcePaths(config: BriefingConfig, folder: string): BriefingConfig {
  return {
    ...config,
    sources: config.sources.map((source) =>
      source.path === undefined ? source : { ...source, path: path.resolve(folder, source.path) },
    ),
  };
}

function firstLine(message: string): string {
  return message.split("\n")[0] ?? message;
}
