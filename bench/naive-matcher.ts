import type { MatchableItem } from "../src/domain/match.js";
import { parseQuery, type QueryNode } from "../src/match/index.js";

/**
 * The baseline: each query becomes one case-insensitive regex of lookaheads tested on the item's
 * text, one regex after another. AND chains lookaheads, OR alternates them, NOT negates one,
 * NEAR allows up to n words between; terms get `\b` boundaries (none for CJK) and an optional
 * plural ending. No case rules for acronyms, no per-occurrence NOT, no field scopes.
 */
export function createNaiveMatcher(queries: readonly string[]): (item: MatchableItem) => number {
  const regexes = queries.map((query) => new RegExp(`^${assertion(parseQuery(query))}`, "i"));
  return (item) => {
    const text = `${item.sourceId}\n${item.title}\n${item.summary}\n${item.content}`;
    let found = 0;
    for (const re of regexes) if (re.test(text)) found++;
    return found;
  };
}

function assertion(node: QueryNode): string {
  switch (node.kind) {
    case "term":
    case "near":
    case "source":
      return `(?=[\\s\\S]*?${pattern(node)})`;
    case "and":
      return node.children.map(assertion).join("");
    case "or":
      return `(?:${node.children.map(assertion).join("|")})`;
    case "not":
      return `(?!${assertion(node.child)})`;
    case "alias":
      return assertion(node.body);
  }
}

function pattern(node: QueryNode): string {
  switch (node.kind) {
    case "term": {
      const words = node.text.split(/[\s-]+/).map(escape).join("[\\s-]*");
      return /[\u3040-\u9fff]/.test(node.text) ? words : `\\b${words}(?:s|es)?\\b`;
    }
    case "source":
      return `^${escape(node.id)}$`;
    case "near": {
      const [a, b] = [pattern(node.left), pattern(node.right)];
      const gap = `\\W+(?:\\w+\\W+){0,${node.distance}}`;
      return `(?:${a}${gap}${b}|${b}${gap}${a})`;
    }
    case "or":
      return `(?:${node.children.map(pattern).join("|")})`;
    default:
      throw new Error(`the naive baseline does not handle ${node.kind} here`);
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
