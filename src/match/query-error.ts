import { BriefingError } from "../domain/errors.js";
import { CHAR_CLASS, CJK, CJK_HIGH } from "./char-class.js";

/** Where a bad query came from, when the parser knows more than the text. */
export interface QueryErrorContext {
  /** The id of the topic or watch whose query failed (`ai-chips`, `watch:12`). */
  queryId?: string;
  /** Set when the mistake is inside an alias body; `query` is then that body. */
  alias?: string;
  cause?: unknown;
}

/**
 * A query that does not parse or cannot be matched. The message has three lines: what was wrong,
 * the query, and a caret under `column`, so callers can print it as it is.
 */
export class QueryError extends BriefingError {
  override readonly name = "QueryError";
  readonly queryId: string | undefined;
  readonly alias: string | undefined;

  constructor(
    /** What was wrong, without the query: `unexpected ")"`. */
    readonly problem: string,
    /** The text that failed: the query, or the alias body when `alias` is set. */
    readonly query: string,
    /** 0-based index into `query` (UTF-16 code units) where the problem is. */
    readonly column: number,
    /** What the parser would have accepted there: `a term, a "phrase", ( or @alias`. */
    readonly expected: string,
    context: QueryErrorContext = {},
  ) {
    super("query", formatQueryError(problem, query, column, expected, context), { cause: context.cause });
    this.queryId = context.queryId;
    this.alias = context.alias;
  }

  /** The same error, said of the query with this id. */
  withQueryId(queryId: string): QueryError {
    return new QueryError(this.problem, this.query, this.column, this.expected, {
      queryId,
      ...(this.alias === undefined ? {} : { alias: this.alias }),
      cause: this.cause,
    });
  }
}

function formatQueryError(
  problem: string,
  query: string,
  column: number,
  expected: string,
  context: QueryErrorContext,
): string {
  const where = [
    context.queryId === undefined ? "" : `query "${context.queryId}"`,
    context.alias === undefined ? "" : `alias @${context.alias}`,
  ].filter(Boolean);
  const head = `${where.length ? `in ${where.join(", ")}: ` : ""}${problem}${expected ? `; expected ${expected}` : ""}`;
  const shown = query.replace(/[\r\n\t]/g, " ");
  return `${head}\n  ${shown}\n  ${" ".repeat(displayWidth(shown.slice(0, column)))}^`;
}

/** Terminal columns: CJK and full-width characters take two, so the caret lines up under them. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    const cls = CHAR_CLASS[code];
    width += cls === CJK || cls === CJK_HIGH || (code >= 0xff01 && code <= 0xff60) || code === 0x3000 ? 2 : 1;
  }
  return width;
}
