import { readFile } from "node:fs/promises";
import path from "node:path";
import { LineCounter, parseDocument } from "yaml";
import { referenceIssues } from "./check-references.js";
import { ConfigError, formatPath, issuesFromZod, type ConfigIssue } from "./config-error.js";
import { briefingConfigSchema, type BriefingConfig } from "./config-schema.js";

/**
 * The parts of a config the checks read. A check also runs when other parts of the file are invalid, so
 * every problem is listed at once: a topic whose query is not even a string is then null.
 */
export interface CheckableConfig {
  aliases: Record<string, string>;
  topics: ReadonlyArray<{ query: string } | null>;
}

/** Checks what zod cannot: that every query parses. Returns the problems it found. */
export type ConfigCheck = (config: CheckableConfig) => ConfigIssue[];

/** A validated config plus where it came from; source paths and `storage.path` are resolved against the file's folder. */
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
  const raw: unknown = document.toJS() ?? {};
  const parsed = briefingConfigSchema.safeParse(raw);
  if (!parsed.success) {
    // Queries are checked too, so a file with a typo in a key and a broken query shows both.
    const seen = new Set(parsed.error.issues.map((issue) => formatPath(issue.path)));
    const more = [...referenceIssues(raw), ...checks.flatMap((check) => check(checkableOf(raw)))].filter((issue) => !seen.has(issue.path));
    throw new ConfigError(file, [...issuesFromZod(parsed.error), ...more]);
  }

  const config = resolvePaths(parsed.data, path.dirname(path.resolve(file)));
  const problems = [...referenceIssues(config), ...checks.flatMap((check) => check(config))];
  if (problems.length > 0) throw new ConfigError(file, problems);
  return { file, config };
}

/** What can be checked of a file the schema refused: string aliases, and topics with a non-empty string query. */
function checkableOf(raw: unknown): CheckableConfig {
  const record = isRecord(raw) ? raw : {};
  const aliases = isRecord(record.aliases)
    ? Object.fromEntries(Object.entries(record.aliases).filter((entry): entry is [string, string] => typeof entry[1] === "string"))
    : {};
  const topics = Array.isArray(record.topics)
    ? record.topics.map((topic: unknown) => (isRecord(topic) && typeof topic.query === "string" && topic.query !== "" ? { query: topic.query } : null))
    : [];
  return { aliases, topics };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function resolvePaths(config: BriefingConfig, folder: string): BriefingConfig {
  const database = config.storage.path;
  return {
    ...config,
    // ":memory:" is SQLite's name for a database that lives only as long as the process.
    storage: { ...config.storage, path: database === ":memory:" ? database : path.resolve(folder, database) },
    sources: config.sources.map((source) =>
      source.path === undefined ? source : { ...source, path: path.resolve(folder, source.path) },
    ),
  };
}

function firstLine(message: string): string {
  return message.split("\n")[0] ?? message;
}
