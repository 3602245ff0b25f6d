import type { Hit } from "./evaluate-query.js";
import { CONTENT, SOURCE, SUMMARY, TITLE } from "./item-scanner.js";
import type { QueryNode } from "./query-ast.js";
import { isSpan } from "./validate-query.js";

/** A query ready to evaluate: leaves point at shared leaf specs, aliases are inlined. */
export type CompiledNode =
  /** `hits[field]`: the explanation when the term is found in that field, made once here. */
  | { readonly k: "leaf"; readonly leaf: number; readonly hits: readonly [Hit, Hit, Hit] }
  | { readonly k: "source"; readonly id: string; readonly hit: Hit }
  | {
      readonly k: "and";
      readonly positive: readonly CompiledNode[];
      /** NOT operands with places in the text: they can mask occurrences (see evaluate-query.ts). */
      readonly maskable: readonly CompiledNode[];
      /** Other NOT operands: they exclude the item whenever they match. */
      readonly excluding: readonly CompiledNode[];
      /** Leaves reachable from here without passing a NOT: what a mask may cover. */
      readonly positiveLeaves: readonly number[];
    }
  | { readonly k: "or"; readonly children: readonly CompiledNode[]; readonly span: boolean }
  | { readonly k: "near"; readonly left: CompiledNode; readonly right: CompiledNode; readonly distance: number };

/** Compile a validated query; `leafOf` registers each term and returns its leaf id. */
export function compileQuery(root: QueryNode, leafOf: (term: QueryNode & { kind: "term" }) => number): CompiledNode {
  let order = 0;
  const compile = (node: QueryNode): CompiledNode => {
    switch (node.kind) {
      case "term": {
        const at = (field: number): Hit => ({ display: node.text, order, field });
        order++;
        return { k: "leaf", leaf: leafOf(node), hits: [at(TITLE), at(SUMMARY), at(CONTENT)] };
      }
      case "source":
        return { k: "source", id: node.id.toLowerCase(), hit: { display: `source:${node.id}`, order: order++, field: SOURCE } };
      case "alias":
        return compile(node.body);
      case "or":
        return { k: "or", children: node.children.map(compile), span: isSpan(node) };
      case "near":
        return { k: "near", left: compile(node.left), right: compile(node.right), distance: node.distance };
      case "not":
        // validateQuery keeps NOT inside AND; a lone one here would be a bug upstream.
        throw new Error("NOT outside AND reached the compiler");
      case "and": {
        const positive: CompiledNode[] = [];
        const maskable: CompiledNode[] = [];
        const excluding: CompiledNode[] = [];
        for (const child of node.children) {
          if (child.kind !== "not") positive.push(compile(child));
          else (isSpan(child.child) ? maskable : excluding).push(compile(child.child));
        }
        return { k: "and", positive, maskable, excluding, positiveLeaves: [...new Set(positive.flatMap(leavesOf))] };
      }
    }
  };
  return compile(root);
}

function leavesOf(node: CompiledNode): number[] {
  switch (node.k) {
    case "leaf":
      return [node.leaf];
    case "source":
      return [];
    case "and":
      return node.positive.flatMap(leavesOf);
    case "or":
      return node.children.flatMap(leavesOf);
    case "near":
      return [...leavesOf(node.left), ...leavesOf(node.right)];
  }
}
