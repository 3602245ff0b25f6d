import { createAliasResolver, type AliasResolver } from "./alias-resolver.js";
import { inTitle, type QueryNode, type QueryScope, type TermNode } from "./query-ast.js";
import { QueryError } from "./query-error.js";
import { describeLexeme, lexQuery, type Lexeme } from "./query-lexer.js";
import { termTokens } from "./term-tokens.js";
import { validateQuery } from "./validate-query.js";

export const MAX_QUERY_LENGTH = 4_000;
const MAX_DEPTH = 32;
const PRIMARY = 'a term, a "phrase", "(" or "@alias"';

/**
 * Parse a query of the briefing language (see docs in index.ts) into a tree, expanding `@alias`
 * from `aliases` (alias bodies use the same language). Throws QueryError with the column.
 */
export function parseQuery(query: string, aliases?: Record<string, string>): QueryNode {
  return parseWith(query, createQueryAliasResolver(aliases));
}

/** One resolver per set of aliases, so each body is parsed once for many queries. */
export function createQueryAliasResolver(aliases?: Record<string, string>): AliasResolver {
  return createAliasResolver(aliases, (body, resolver, alias) => {
    try {
      return parseWith(body, resolver);
    } catch (error) {
      if (error instanceof QueryError && error.alias === undefined) {
        throw new QueryError(error.problem, error.query, error.column, error.expected, { alias, cause: error.cause });
      }
      throw error;
    }
  });
}

export function parseWith(query: string, aliases: AliasResolver): QueryNode {
  if (query.length > MAX_QUERY_LENGTH) {
    throw new QueryError(`the query is ${query.length} characters long`, query, MAX_QUERY_LENGTH, `at most ${MAX_QUERY_LENGTH} characters`);
  }
  const parser = new Parser(query, lexQuery(query), aliases);
  const root = parser.parseAll();
  validateQuery(root, query);
  return root;
}

class Parser {
  private pos = 0;
  private depth = 0;
  private scope: QueryScope | "source" = "any";

  constructor(
    private readonly query: string,
    private readonly lexemes: Lexeme[],
    private readonly aliases: AliasResolver,
  ) {}

  parseAll(): QueryNode {
    if (this.peek().type === "eof") throw this.fail(this.peek(), "the query is empty", PRIMARY);
    const node = this.parseOr();
    const rest = this.peek();
    if (rest.type !== "eof") throw this.fail(rest, `unexpected ${describeLexeme(rest)}`, "AND, OR, NEAR or the end of the query");
    return node;
  }

  private parseOr(): QueryNode {
    const first = this.parseAnd();
    const children = [first];
    while (this.peek().type === "or") {
      this.pos++;
      children.push(this.parseAnd());
    }
    return children.length === 1 ? first : { kind: "or", children, column: first.column };
  }

  private parseAnd(): QueryNode {
    const first = this.parseUnary();
    const children = [first];
    for (;;) {
      const next = this.peek();
      if (next.type === "and") this.pos++;
      else if (!startsOperand(next)) break;
      children.push(this.parseUnary());
    }
    return children.length === 1 ? first : { kind: "and", children, column: first.column };
  }

  private parseUnary(): QueryNode {
    const next = this.peek();
    if (next.type !== "not" && next.type !== "minus") return this.parseNear();
    this.pos++;
    const child = this.parseUnary();
    // NOT NOT x (or --x) is x.
    return child.kind === "not" ? child.child : { kind: "not", child, column: next.column };
  }

  private parseNear(): QueryNode {
    let left = this.parsePrimary();
    for (let next = this.peek(); next.type === "near"; next = this.peek()) {
      this.pos++;
      const right = this.parsePrimary();
      left = { kind: "near", left, right, distance: next.distance, column: next.column };
    }
    return left;
  }

  private parsePrimary(): QueryNode {
    const next = this.lexemes[this.pos++] ?? this.peek();
    switch (next.type) {
      case "lparen":
        return this.nested(next, () => {
          const inner = this.parseOr();
          const close = this.peek();
          if (close.type !== "rparen") throw this.fail(close, `"(" at column ${next.column} is not closed`, '")"');
          this.pos++;
          return inner;
        });
      case "word":
      case "phrase":
        return this.leaf(next.text, next.type === "phrase", next.column);
      case "field":
        return this.scoped(next.field, next);
      case "alias":
        return this.alias(next.name, next.column);
      default:
        throw this.fail(next, next.type === "eof" ? "the query ends too early" : `unexpected ${describeLexeme(next)}`, PRIMARY);
    }
  }

  private leaf(text: string, phrase: boolean, column: number): QueryNode {
    if (this.scope === "source") return { kind: "source", id: text, column };
    if (termTokens(text).length === 0) {
      throw new QueryError(`"${text}" has no letters, digits or CJK characters`, this.query, column, "a term with letters or digits");
    }
    const term: TermNode = { kind: "term", text, phrase, scope: this.scope, column };
    return term;
  }

  private scoped(field: "title" | "source", at: Lexeme): QueryNode {
    const after = this.peek();
    // `title: x` with a space is more likely a typo than a scope over the next word.
    if (after.type === "eof" || after.column !== at.column + field.length + 1) {
      throw this.fail(after, `nothing follows "${field}:"`, `a term, "phrase" or ( right after ${field}:`);
    }
    if (this.scope !== "any" && this.scope !== field) {
      throw this.fail(at, `"${field}:" inside "${this.scope}:"`, "one field scope at a time");
    }
    const saved = this.scope;
    this.scope = field;
    try {
      const node = this.parsePrimary();
      // A single scoped term is located at its field, so an error about it shows `source:x` whole.
      return node.kind === "term" || node.kind === "source" ? { ...node, column: at.column } : node;
    } finally {
      this.scope = saved;
    }
  }

  private alias(name: string, column: number): QueryNode {
    if (this.scope === "source") throw new QueryError(`"@${name}" inside "source:"`, this.query, column, "source ids");
    const body = this.nested({ type: "eof", column }, () => this.aliases.resolve(name, column, this.query));
    return { kind: "alias", name, body: this.scope === "title" ? inTitle(body) : body, column };
  }

  private nested<T>(at: Lexeme, parse: () => T): T {
    if (++this.depth > MAX_DEPTH) throw this.fail(at, "the query nests too deeply", `at most ${MAX_DEPTH} levels of ( ) and @alias`);
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  private peek(): Lexeme {
    return this.lexemes[this.pos] ?? { type: "eof", column: this.query.length };
  }

  private fail(at: Lexeme, problem: string, expected: string): QueryError {
    return new QueryError(problem, this.query, at.column, expected);
  }
}

function startsOperand(next: Lexeme): boolean {
  return ["word", "phrase", "field", "alias", "lparen", "not", "minus"].includes(next.type);
}
