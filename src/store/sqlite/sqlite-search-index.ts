import type Database from "better-sqlite3";
import type { CandidateRequest, SearchIndex } from "../../search/index.js";
import { CJK_RANGES } from "../cjk-ranges.js";
import { indexWords, prefixStem } from "../word-lookup.js";
import { rowToItem, type ItemRow } from "./sqlite-item-store.js";

// Text the trigram index holds: the rule its migration trigger uses.
const CJK = new RegExp(`[${CJK_RANGES}]`);

/** FTS5 string literal: a term or phrase in double quotes, inner quotes doubled. */
function ftsLiteral(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

/**
 * A Latin term or phrase as FTS5 prefix tokens on their stems (`controls` → `"control"*`), so the
 * word index finds the singular and plural forms the query language treats as one; the exact query
 * drops the extra candidates a prefix lets in.
 */
function ftsWordPhrase(term: string): string {
  const tokens = indexWords(term);
  if (tokens.length === 0) return ftsLiteral(term);
  return tokens.map(stemLookup).join(" + ");
}

function stemLookup(token: string): string {
  const stem = prefixStem(token);
  return stem === null ? ftsLiteral(token) : `${ftsLiteral(stem)}*`;
}

/**
 * Candidates from the FTS indexes, newest stored first: FTS5 walks its index in rowid order without
 * sorting, so the cost stays flat however common a term is, where ranking every match by bm25 grows
 * with the archive. The search service ranks the candidates by relevance and recency afterwards.
 * Latin alternatives come from the word index, CJK ones from the trigram
 * index (or a LIKE scan for CJK terms shorter than a trigram). The exact query filters them afterwards.
 */
export function createSqliteSearchIndex(db: Database.Database): SearchIndex {
  return {
    async candidates(request) {
      const found = new Map<string, ItemRow>();
      const add = (rows: ItemRow[]) => rows.forEach((row) => found.has(row.key) || found.set(row.key, row));
      if (request.alternatives.length === 0) add(recent(db, request));
      for (const terms of request.alternatives) {
        if (terms.length === 0) continue;
        add(terms.some((term) => CJK.test(term)) ? cjkCandidates(db, terms, request) : wordCandidates(db, terms, request));
      }
      return [...found.values()].map(rowToItem);
    },
  };
}

function filters(request: CandidateRequest, alias: string): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (request.since) {
    parts.push(`${alias}.published_at >= ?`);
    params.push(request.since);
  }
  if (request.before) {
    parts.push(`${alias}.published_at < ?`);
    params.push(request.before);
  }
  if (request.topicIds.length > 0) {
    parts.push(`${alias}.key IN (SELECT item_key FROM item_topics WHERE topic_id IN (${request.topicIds.map(() => "?").join(", ")}))`);
    params.push(...request.topicIds);
  }
  if (request.sourceIds) {
    // json_each: a tenant may follow more sources than SQLite takes bound parameters.
    parts.push(`${alias}.source_id IN (SELECT value FROM json_each(?))`);
    params.push(JSON.stringify(request.sourceIds));
  }
  return { sql: parts.map((p) => ` AND ${p}`).join(""), params };
}

function wordCandidates(db: Database.Database, terms: string[], request: CandidateRequest): ItemRow[] {
  const where = filters(request, "items");
  return db
    .prepare(
      `SELECT items.* FROM items_fts JOIN items ON items.rowid = items_fts.rowid
       WHERE items_fts MATCH ?${where.sql} ORDER BY items_fts.rowid DESC LIMIT ? OFFSET ?`,
    )
    .all(terms.map(ftsWordPhrase).join(" AND "), ...where.params, request.limit, request.offset ?? 0) as ItemRow[];
}

function cjkCandidates(db: Database.Database, terms: string[], request: CandidateRequest): ItemRow[] {
  const indexed = terms.filter((term) => [...term].length >= 3);
  const scanned = terms.filter((term) => [...term].length < 3);
  const where = filters(request, "items");
  const like = scanned.map(() => " AND (items.title LIKE ? ESCAPE '\\' OR items.summary LIKE ? ESCAPE '\\')").join("");
  const likeParams = scanned.flatMap((term) => {
    const pattern = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return [pattern, pattern];
  });
  if (indexed.length > 0) {
    return db
      .prepare(
        `SELECT items.* FROM items_fts_cjk JOIN items ON items.rowid = items_fts_cjk.rowid
         WHERE items_fts_cjk MATCH ?${like}${where.sql} ORDER BY items_fts_cjk.rowid DESC LIMIT ? OFFSET ?`,
      )
      .all(indexed.map(ftsLiteral).join(" AND "), ...likeParams, ...where.params, request.limit, request.offset ?? 0) as ItemRow[];
  }
  return db
    .prepare(`SELECT items.* FROM items WHERE 1 = 1${like}${where.sql} ORDER BY items.published_at DESC LIMIT ? OFFSET ?`)
    .all(...likeParams, ...where.params, request.limit, request.offset ?? 0) as ItemRow[];
}

function recent(db: Database.Database, request: CandidateRequest): ItemRow[] {
  const where = filters(request, "items");
  return db
    .prepare(`SELECT items.* FROM items WHERE 1 = 1${where.sql} ORDER BY items.published_at DESC LIMIT ? OFFSET ?`)
    .all(...where.params, request.limit, request.offset ?? 0) as ItemRow[];
}
