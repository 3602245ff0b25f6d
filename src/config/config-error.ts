import type { z } from "zod";
import { BriefingError } from "../domain/errors.js";

/** One thing wrong in a config file, located by its path inside the file. */
export interface ConfigIssue {
  /** `topics[2].query`, or an empty string for the file as a whole. */
  path: string;
  message: string;
}

/** A config file that cannot be used, with every problem in it at once. */
export class ConfigError extends BriefingError {
  override readonly name = "ConfigError";
  constructor(
    readonly file: string,
    readonly issues: ConfigIssue[],
    options?: { cause?: unknown },
  ) {
    super("config", formatIssues(file, issues), options);
  }
}

function formatIssues(file: string, issues: ConfigIssue[]): string {
  if (issues.length === 1 && issues[0]?.path === "") return `${file}: ${issues[0].message}`;
  const lines = issues.map((issue) => `  ${issue.path || "(file)"}: ${issue.message}`);
  const count = issues.length === 1 ? "1 problem" : `${issues.length} problems`;
  return `${file}: ${count}\n${lines.join("\n")}`;
}

/** `topics[2].query` from zod's `["topics", 2, "query"]`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === "number") return `${out}[${key}]`;
    return out ? `${out}.${String(key)}` : String(key);
  }, "");
}

export function issuesFromZod(error: z.ZodError): ConfigIssue[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: describeIssue(issue) }));
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === "unrecognized_keys") {
    const keys = issue.keys.map((key) => `"${key}"`).join(", ");
    return `unknown key${issue.keys.length > 1 ? "s" : ""} ${keys}`;
  }
  return issue.message;
}
