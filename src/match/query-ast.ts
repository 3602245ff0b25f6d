/** `title:` limits a term to item titles; `any` means title, summary or content. */
export type QueryScope = "any" | "title";

/** A word, hyphenated term or CJK string, or a "quoted phrase": its words must appear in order. */
export interface TermNode {
  readonly kind: "term";
  /** As written in the query, without the quotes. */
  readonly text: string;
  readonly phrase: boolean;
  readonly scope: QueryScope;
  readonly column: number;
}

/** `source:bis-rules`: the item's source id is this one (ignoring case). */
export interface SourceNode {
  readonly kind: "source";
  readonly id: string;
  readonly column: number;
}

export interface AndNode {
  readonly kind: "and";
  readonly children: readonly QueryNode[];
  readonly column: number;
}

export interface OrNode {
  readonly kind: "or";
  readonly children: readonly QueryNode[];
  readonly column: number;
}

/** `NOT x` or `-x`; only ever next to something that must match (see validate-query.ts). */
export interface NotNode {
  readonly kind: "not";
  readonly child: QueryNode;
  readonly column: number;
}

/** `a NEAR/n b`: an occurrence of each in the same field with at most n words between them. */
export interface NearNode {
  readonly kind: "near";
  readonly left: QueryNode;
  readonly right: QueryNode;
  readonly distance: number;
  readonly column: number;
}

/** `@cac`, kept in the tree (with its parsed body) so errors and explanations can name it. */
export interface AliasNode {
  readonly kind: "alias";
  readonly name: string;
  readonly body: QueryNode;
  readonly column: number;
}

/** A parsed query; `column`s index the text the node was parsed from. */
export type QueryNode = TermNode | SourceNode | AndNode | OrNode | NotNode | NearNode | AliasNode;

/** `title:@cac`: the alias body, every term limited to titles. */
export function inTitle(node: QueryNode): QueryNode {
  switch (node.kind) {
    case "term": return { ...node, scope: "title" };
    case "source": return node;
    case "and":
    case "or": return { ...node, children: node.children.map(inTitle) };
    case "not": return { ...node, child: inTitle(node.child) };
    case "near": return { ...node, left: inTitle(node.left), right: inTitle(node.right) };
    case "alias": return { ...node, body: inTitle(node.body) };
  }
}
