import type { ConfigIssue } from "../config/config-error.js";
import type { CheckableConfig } from "../config/load-config.js";
import { parseQuery, QueryError } from "../match/index.js";

/** Every topic query and alias must parse; each failure names its place in the file. */
export function checkQueries(config: CheckableConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const [name, body] of Object.entries(config.aliases)) {
    const problem = parseProblem(body, config.aliases);
    if (problem) issues.push({ path: `aliases.${name}`, message: problem });
  }
  config.topics.forEach((topic, index) => {
    if (topic === null) return;
    const problem = parseProblem(topic.query, config.aliases);
    if (problem) issues.push({ path: `topics[${index}].query`, message: problem });
  });
  return issues;
}

function parseProblem(query: string, aliases: Record<string, string>): string | null {
  try {
    parseQuery(query, aliases);
    return null;
  } catch (error) {
    if (error instanceof QueryError) return error.message;
    throw error;
  }
}
