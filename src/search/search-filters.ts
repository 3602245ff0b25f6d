import { BriefingError } from "../domain/errors.js";

/** A search as typed, split into the query proper and its filters. */
export interface SearchFilters {
  query: string;
  since: string | null;
  before: string | null;
  topicIds: string[];
  sourceIds: string[];
}

const FILTER = /(^|\s)(since|before|topic):(\S+)/g;
const RELATIVE = /^(\d{1,4})([hdw])$/;
const UNIT_MS = { h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

/**
 * Takes `since:7d`, `since:2026-01-01`, `before:2026-01-31` and `topic:<id>` out of a search;
 * `source:` stays in the query, where the query language scopes terms by source.
 */
export function parseSearchFilters(text: string, now: Date): SearchFilters {
  const filters: SearchFilters = { query: "", since: null, before: null, topicIds: [], sourceIds: [] };
  // Filters become spaces, so a query error's column still points into the text as the user typed it.
  const query = text.replace(FILTER, (all: string, lead: string, key: string, value: string, offset: number) => {
    const column = offset + lead.length + 1;
    if (key === "topic") filters.topicIds.push(value);
    else if (key === "since") filters.since = readTime(value, now, `since: at column ${column}`);
    else filters.before = readTime(value, now, `before: at column ${column}`);
    return lead + " ".repeat(all.length - lead.length);
  });
  filters.query = query.trim() === "" ? "" : query;
  for (const found of filters.query.matchAll(/(?:^|[\s(])source:([a-z0-9-]+)/g)) filters.sourceIds.push(found[1]!);
  return filters;
}

function readTime(value: string, now: Date, where: string): string {
  const relative = RELATIVE.exec(value);
  if (relative) {
    const unit = relative[2] as keyof typeof UNIT_MS;
    return new Date(now.getTime() - Number(relative[1]) * UNIT_MS[unit]).toISOString();
  }
  if (/^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(Date.parse(value))) return new Date(value).toISOString();
  throw new BriefingError("query", `${where}: "${value}" is not a time; write 24h, 7d, 2w or a date like 2026-01-31`);
}
