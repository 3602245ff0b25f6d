import type { CandidateRequest, SearchIndex } from "../../search/index.js";
import { CJK_RANGES } from "../cjk-ranges.js";
import { indexWords, prefixStem } from "../word-lookup.js";
import { itemColumns, pgRowToItem, type PgItemRow } from "./pg-item-store.js";
import type { SqlClient } from "./sql-client.js";

// Text the trigram index holds: the rule the items table's cjk_text column uses.
const CJK = new RegExp(`[${CJK_RANGES}]`);

/** A tsquery lexeme in quotes (the tokens are letters and digits only, but a quote must never break out). */
function lexeme(token: string): string {
  return `'${token.replace(/'/g, "''")}'`;
}

/**
 * A Latin term or phrase as tsquery prefix lexemes on their stems (`controls` → `'control':*`), in
 * sequence for a phrase, as the SQLite index reads it: the word index then finds the singular and
 * plural forms the query language treats as one, and the exact query drops the extra candidates.
 */
function wordPhrase(term: string): string {
  const tokens = indexWords(term);
  if (tokens.length === 0) return lexeme(term);
  const phrase = tokens.map(stemLookup).join(" <-> ");
  return tokens.length > 1 ? `(${phrase})` : phrase;
}

function stemLookup(token: string): string {
  const stem = prefixStem(token);
  return stem === null ? lexeme(token) : `${lexeme(stem)}:*`;
}

/** How many of the newest items a word search reads before it asks the whole index. */
const NEWEST_WINDOW = 5_000;

/** Bound parameters, numbered `$1…` in the order the conditions are written. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

function filters(request: CandidateRequest, params: Params): string {
  const parts: string[] = [];
  if (request.since) parts.push(`items.published_at >= ${params.add(request.since)}`);
  if (request.before) parts.push(`items.published_at < ${params.add(request.before)}`);
  if (request.topicIds.length > 0) parts.push(`items.key IN (SELECT item_key FROM item_topics WHERE topic_id = ANY(${params.add(request.topicIds)}::text[]))`);
  if (request.sourceIds) parts.push(`items.source_id = ANY(${params.add(request.sourceIds)}::text[])`);
  return parts.map((part) => ` AND ${part}`).join("");
}

const page = (request: CandidateRequest, params: Params) => `LIMIT ${params.add(request.limit)} OFFSET ${params.add(request.offset ?? 0)}`;

/**
 * Candidates from PostgreSQL's indexes, as the SQLite index gives them: the same query language, the
 * exact query filtering afterwards. Latin alternatives come from the `words` tsvector (GIN), newest
 * stored first; CJK ones from the trigram index on `cjk_text` (or a scan for CJK terms shorter than a
 * trigram), which `ILIKE '%…%'` uses.
 */
export function createPostgresSearchIndex(client: SqlClient, options: { newestWindow?: number } = {}): SearchIndex {
  const newestWindow = options.newestWindow ?? NEWEST_WINDOW;
  const select = async (sql: string, params: Params) => client.query<PgItemRow>(sql, params.values);

  // Words common in the archive make GIN hand back most of the table to recheck (a phrase of two
  // common words: every row holding both). The newest rows are then the quick place to look, as
  // SQLite's FTS5 walks its index newest first: when the newest window alone holds a full page of
  // matches, that page is the answer; otherwise the GIN index finds the scarcer matches everywhere.
  async function wordCandidates(terms: string[], request: CandidateRequest) {
    const tsquery = terms.map(wordPhrase).join(" & ");
    const window = Math.max(newestWindow, request.limit + (request.offset ?? 0));
    const newest = await matchingWords(tsquery, request, `(SELECT * FROM items ORDER BY seq DESC LIMIT ${window})`);
    return newest.length >= request.limit ? newest : matchingWords(tsquery, request, "items");
  }

  function matchingWords(tsquery: string, request: CandidateRequest, from: string) {
    const params = new Params();
    const query = params.add(tsquery);
    return select(
      `SELECT ${itemColumns("items")} FROM ${from} AS items WHERE items.words @@ to_tsquery('briefing_words', ${query})${filters(request, params)}
       ORDER BY items.seq DESC ${page(request, params)}`,
      params,
    );
  }

  function cjkCandidates(terms: string[], request: CandidateRequest) {
    const params = new Params();
    const pattern = (term: string) => params.add(`%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    const indexed = terms.filter((term) => [...term].length >= 3);
    const scanned = terms.filter((term) => [...term].length < 3);
    const trigram = indexed.map((term) => ` AND items.cjk_text ILIKE ${pattern(term)}`).join("");
    const like = scanned
      .map((term) => {
        const p = pattern(term);
        return ` AND (items.title ILIKE ${p} OR items.summary ILIKE ${p})`;
      })
      .join("");
    const where = filters(request, params);
    const order = indexed.length > 0 ? "items.seq DESC" : "items.published_at DESC, items.seq DESC";
    const onlyCjk = indexed.length > 0 ? " AND items.cjk_text IS NOT NULL" : "";
    return select(`SELECT ${itemColumns("items")} FROM items WHERE TRUE${onlyCjk}${trigram}${like}${where} ORDER BY ${order} ${page(request, params)}`, params);
  }

  function recent(request: CandidateRequest) {
    const params = new Params();
    return select(`SELECT ${itemColumns("items")} FROM items WHERE TRUE${filters(request, params)} ORDER BY items.published_at DESC, items.seq DESC ${page(request, params)}`, params);
  }

  return {
    async candidates(request) {
      const found = new Map<string, PgItemRow>();
      const add = (rows: PgItemRow[]) => rows.forEach((row) => found.has(row.key) || found.set(row.key, row));
      if (request.alternatives.length === 0) add(await recent(request));
      for (const terms of request.alternatives) {
        if (terms.length === 0) continue;
        add(terms.some((term) => CJK.test(term)) ? await cjkCandidates(terms, request) : await wordCandidates(terms, request));
      }
      return [...found.values()].map(pgRowToItem);
    },
  };
}
