import { QueryError } from "./query-error.js";

/** One piece of query syntax, with the column it starts at. */
export type Lexeme =
  | { type: "word"; text: string; column: number }
  | { type: "phrase"; text: string; column: number }
  | { type: "field"; field: "title" | "source"; column: number }
  | { type: "alias"; name: string; column: number }
  | { type: "near"; distance: number; column: number }
  | { type: "and" | "or" | "not" | "minus" | "lparen" | "rparen" | "eof"; column: number };

/** Written without /n, NEAR allows this many words between its sides (as SQLite FTS5 does). */
export const DEFAULT_NEAR = 10;
export const MAX_NEAR = 100;

const QUOTES = new Set(['"', "“", "”", "„", "«", "»", "「", "」", "『", "』"]);
const STOP = new Set(["(", ")", "|"]);
const FIELDS = new Set(["title", "source"]);
const ALIAS_NAME = /^[\p{L}\p{N}_-]+$/u;

/** The character as syntax sees it: full-width （ ） ｜ ＂ ＠ － count as their ASCII selves. */
function syntaxChar(ch: string): string {
  return ch.charCodeAt(0) < 0x80 ? ch : ch.normalize("NFKC");
}

// Zero-width characters (U+FEFF counts as \s in JS) stay inside words: normaliseForMatch drops them,
// so C\u200BAC is the term CAC rather than the two terms C and AC.
function isSpace(ch: string): boolean {
  return ch !== "\uFEFF" && /\s/.test(ch);
}

/** Split a query into lexemes; throws QueryError on an unclosed quote or an unknown field. */
export function lexQuery(query: string): Lexeme[] {
  const out: Lexeme[] = [];
  let i = 0;
  while (i < query.length) {
    const raw = query[i] ?? "";
    const ch = syntaxChar(raw);
    if (isSpace(raw)) {
      i++;
    } else if (ch === "(" || ch === ")") {
      out.push({ type: ch === "(" ? "lparen" : "rparen", column: i });
      i++;
    } else if (ch === "|") {
      out.push({ type: "or", column: i });
      i++;
    } else if (QUOTES.has(ch)) {
      i = readPhrase(query, i, out);
    } else if (ch === "-") {
      const next = query[i + 1];
      if (next === undefined || isSpace(next) || syntaxChar(next) === ")") {
        throw new QueryError('"-" stands alone', query, i, 'a term right after "-" (as in -"CAC 40")');
      }
      out.push({ type: "minus", column: i });
      i++;
    } else {
      i = readWord(query, i, out);
    }
  }
  out.push({ type: "eof", column: query.length });
  return out;
}

function readPhrase(query: string, start: number, out: Lexeme[]): number {
  let end = start + 1;
  while (end < query.length && !QUOTES.has(syntaxChar(query[end] ?? ""))) end++;
  if (end >= query.length) throw new QueryError("this quote is never closed", query, start, "a closing quote");
  const text = query.slice(start + 1, end).trim();
  if (!text) throw new QueryError("the phrase is empty", query, start, "words between the quotes");
  out.push({ type: "phrase", text, column: start });
  return end + 1;
}

function readWord(query: string, start: number, out: Lexeme[]): number {
  let end = start;
  while (end < query.length) {
    const raw = query[end] ?? "";
    const ch = syntaxChar(raw);
    if (isSpace(raw) || STOP.has(ch) || QUOTES.has(ch)) break;
    end++;
  }
  const word = query.slice(start, end);
  const field = /^([A-Za-z]+)[:：]/.exec(word);
  if (field) {
    const name = (field[1] ?? "").toLowerCase();
    if (!FIELDS.has(name)) {
      throw new QueryError(`unknown field "${name}:"`, query, start, "title: or source:");
    }
    out.push({ type: "field", field: name as "title" | "source", column: start });
    return start + field[0].length;
  }
  out.push(keywordOrWord(query, word, start));
  return end;
}

function keywordOrWord(query: string, word: string, column: number): Lexeme {
  if (word === "AND") return { type: "and", column };
  if (word === "OR") return { type: "or", column };
  if (word === "NOT") return { type: "not", column };
  if (word === "NEAR") return { type: "near", distance: DEFAULT_NEAR, column };
  if (word.startsWith("NEAR/")) {
    const digits = word.slice(5);
    const distance = Number(digits);
    if (!/^\d{1,3}$/.test(digits) || distance > MAX_NEAR) {
      throw new QueryError(`"${word}" is not a distance`, query, column + 5, `a number of words from 0 to ${MAX_NEAR}, as in NEAR/5`);
    }
    return { type: "near", distance, column };
  }
  if (syntaxChar(word[0] ?? "") === "@") {
    const name = word.slice(1);
    if (!ALIAS_NAME.test(name)) throw new QueryError(`"${word}" is not an alias name`, query, column, "@ followed by letters, digits, _ or -");
    return { type: "alias", name, column };
  }
  return { type: "word", text: word, column };
}

/** How a lexeme is named in an error: `"H200"`, `")"`, `end of query`. */
export function describeLexeme(lexeme: Lexeme): string {
  switch (lexeme.type) {
    case "word": return `"${lexeme.text}"`;
    case "phrase": return `"${lexeme.text}" in quotes`;
    case "field": return `"${lexeme.field}:"`;
    case "alias": return `"@${lexeme.name}"`;
    case "near": return "NEAR";
    case "lparen": return '"("';
    case "rparen": return '")"';
    case "eof": return "end of query";
    default: return lexeme.type.toUpperCase();
  }
}
