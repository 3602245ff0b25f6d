import type { QueryNode } from "./query-ast.js";
import { QueryError } from "./query-error.js";

/** Terms and source: filters a query may hold once its aliases are expanded. */
export const MAX_LEAVES = 1_000;

/**
 * Rules the grammar alone cannot say:
 * - something must have to appear: `-foo` alone, `a OR -b` or `NOT (a b)` would match nearly every
 *   item, flood a channel, and give the search nothing to look up;
 * - NEAR joins terms, phrases, ORs of them and other NEARs, never AND, NOT or source:;
 * - at most MAX_LEAVES terms after alias expansion, so aliases that use each other stay bounded.
 */
export function validateQuery(root: QueryNode, query: string): void {
  let leaves = 0;
  const walk = (node: QueryNode): void => {
    switch (node.kind) {
      case "term":
      case "source":
        if (++leaves > MAX_LEAVES) {
          throw new QueryError(`the query has more than ${MAX_LEAVES} terms once its aliases are expanded`, query, node.column, "a shorter query");
        }
        return;
      case "alias":
        leaves += countLeaves(node.body);
        if (leaves > MAX_LEAVES) throw new QueryError(`@${node.name} makes the query longer than ${MAX_LEAVES} terms`, query, node.column, "a shorter query");
        return;
      case "not":
        return walk(node.child);
      case "and":
        if (!isPositive(node)) throw onlyExcludes(node, query);
        return node.children.forEach(walk);
      case "or":
        for (const child of node.children) {
          if (!isPositive(child)) {
            throw new QueryError("this OR alternative only excludes", query, child.column, "terms on both sides of OR; to exclude, write (a OR b) -c");
          }
        }
        return node.children.forEach(walk);
      case "near":
        for (const side of [node.left, node.right]) {
          if (!isSpan(side)) {
            throw new QueryError("NEAR cannot join this", query, side.column, "terms, phrases or ( OR ) of them on both sides of NEAR");
          }
        }
        walk(node.left);
        return walk(node.right);
    }
  };
  walk(root);
  if (!isPositive(root)) throw onlyExcludes(root, query);
}

/** True when a match needs at least one term or source to be present. */
export function isPositive(node: QueryNode): boolean {
  switch (node.kind) {
    case "term":
    case "source":
    case "near":
      return true;
    case "not":
      return false;
    case "and":
      return node.children.some(isPositive);
    case "or":
      return node.children.every(isPositive);
    case "alias":
      return isPositive(node.body);
  }
}

/** True for nodes whose matches have places in the text (terms, ORs of them, NEAR). */
export function isSpan(node: QueryNode): boolean {
  switch (node.kind) {
    case "term":
    case "near":
      return true;
    case "or":
      return node.children.every(isSpan);
    case "alias":
      return isSpan(node.body);
    default:
      return false;
  }
}

function countLeaves(node: QueryNode): number {
  switch (node.kind) {
    case "term":
    case "source":
      return 1;
    case "and":
    case "or":
      return node.children.reduce((sum, child) => sum + countLeaves(child), 0);
    case "not":
      return countLeaves(node.child);
    case "near":
      return countLeaves(node.left) + countLeaves(node.right);
    case "alias":
      return countLeaves(node.body);
  }
}

function onlyExcludes(node: QueryNode, query: string): QueryError {
  return new QueryError(
    "the query only excludes and would match almost every item",
    query,
    node.column,
    'at least one term that must appear (as in CAC -"CAC 40")',
  );
}
