import type { ConfigIssue } from "./config-error.js";

/**
 * What refers to what inside a config: ids used twice, and digests naming topics that do not exist.
 * Read from the file as written, so these problems are listed even when other parts of it are invalid.
 */
export function referenceIssues(raw: unknown): ConfigIssue[] {
  const record = isRecord(raw) ? raw : {};
  const issues: ConfigIssue[] = [];
  const sourceIds = idsOf(record.sources);
  const topicIds = idsOf(record.topics);
  issues.push(...duplicates(sourceIds, "sources"), ...duplicates(topicIds, "topics"));
  const known = new Set(topicIds.filter((id): id is string => id !== null));
  listOf(record.digests).forEach((digest, d) => {
    if (!isRecord(digest)) return;
    listOf(digest.topics).forEach((id, t) => {
      if (typeof id === "string" && !known.has(id)) issues.push({ path: `digests[${d}].topics[${t}]`, message: `no topic has id "${id}"` });
    });
  });
  return issues;
}

function duplicates(ids: Array<string | null>, list: string): ConfigIssue[] {
  const seen = new Set<string>();
  const issues: ConfigIssue[] = [];
  ids.forEach((id, index) => {
    if (id === null) return;
    if (seen.has(id)) issues.push({ path: `${list}[${index}].id`, message: `"${id}" is used twice` });
    seen.add(id);
  });
  return issues;
}

function idsOf(list: unknown): Array<string | null> {
  return listOf(list).map((entry) => (isRecord(entry) && typeof entry.id === "string" ? entry.id : null));
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
