import type { QueryNode, TermNode } from "./query-ast.js";
import { normaliseForMatch } from "./normalise-for-match.js";

/** Above this many alternatives an AND keeps only its narrowest side (still a necessary condition). */
const MAX_ALTERNATIVES = 64;

/**
 * A necessary condition for `node` to match, as alternatives of keys that must all be present:
 * if the query matches an item, every key of at least one alternative occurs in it. NOT is
 * ignored (it only removes matches); `source:` adds no key. An empty alternative means "no key
 * is required". When AND or NEAR would multiply out past MAX_ALTERNATIVES, the side with the
 * fewest alternatives stands for the whole, which is weaker but still necessary.
 */
export function requiredSets<K>(node: QueryNode, keyOf: (term: TermNode) => K): K[][] {
  switch (node.kind) {
    case "term":
      return [[keyOf(node)]];
    case "source":
      return [[]];
    case "alias":
      return requiredSets(node.body, keyOf);
    case "not":
      return [[]];
    case "or":
      return dedupe(node.children.flatMap((child) => requiredSets(child, keyOf)));
    case "near":
      return product([requiredSets(node.left, keyOf), requiredSets(node.right, keyOf)]);
    case "and":
      return product(node.children.filter((child) => child.kind !== "not").map((child) => requiredSets(child, keyOf)));
  }
}

function product<K>(sides: K[][][]): K[][] {
  let size = 1;
  for (const side of sides) size *= side.length;
  if (size > MAX_ALTERNATIVES) {
    const narrowest = sides.reduce((best, side) => (side.length < best.length ? side : best));
    return narrowest;
  }
  let out: K[][] = [[]];
  for (const side of sides) out = out.flatMap((prefix) => side.map((alt) => [...prefix, ...alt]));
  return dedupe(out);
}

function dedupe<K>(alternatives: K[][]): K[][] {
  const seen = new Set<string>();
  const out: K[][] = [];
  for (const alt of alternatives) {
    const unique = [...new Set(alt)];
    const key = JSON.stringify([...unique].map(String).sort());
    if (!seen.has(key)) {
      seen.add(key);
      out.push(unique);
    }
  }
  return out;
}

/**
 * What a full-text index (SQLite FTS5) must find for `node` to have a chance of matching: a list of
 * alternatives, each a list of terms or phrases (NFKC-normalised, as written) that must all appear.
 * An empty list means any item can match (for instance `source:bis-rules` alone).
 *
 * It is a candidate filter only: run the exact matcher on what the index returns. Model numbers
 * get a second alternative spelt with a space (`H200` → also `H 200`), because word tokenizers see
 * `H200` as one token but `H-200` and `H 200` as two. Plurals are not expanded: `controls` in the
 * query may appear as `control` in the text, so the index should use prefix queries or a stemming
 * tokenizer if it must not miss those.
 */
export function ftsTermsOf(node: QueryNode): string[][] {
  const alternatives = requiredSets(node, (term) => normaliseForMatch(term.text).trim());
  if (alternatives.some((alt) => alt.length === 0)) return [];
  const withVariants = alternatives.flatMap(spellings);
  return withVariants.length <= MAX_ALTERNATIVES ? dedupe(withVariants) : alternatives;
}

const JUNCTION = /(?<=\p{L})-?(?=\p{Nd})|(?<=\p{Nd})-?(?=\p{L})/gu;
const HAS_JUNCTION = new RegExp(JUNCTION.source, "u");

/** The alternative with each model-number term written joined (`H200`) and spaced (`H 200`). */
function spellings(alt: string[]): string[][] {
  let out: string[][] = [[]];
  for (const term of alt) {
    const forms = HAS_JUNCTION.test(term) ? [term.replace(JUNCTION, ""), term.replace(JUNCTION, " ")] : [term];
    out = out.flatMap((prefix) => [...new Set(forms)].map((form) => [...prefix, form]));
  }
  return out;
}
