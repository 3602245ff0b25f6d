import type { CompiledNode } from "./compiled-query.js";

/** Words s..e (item-wide word numbers) of field f. */
export interface Place {
  readonly s: number;
  readonly e: number;
  readonly f: number;
}

/** A term that took part in a match, and where: the explanation shown to readers. */
export interface Hit {
  readonly display: string;
  /** Position of the term in the query, to list terms in the order they were written. */
  readonly order: number;
  readonly field: number;
}

/** What evaluation reads of the current item. */
export interface EvaluationInput {
  /** Bit f is set when the leaf occurs (verified) in field f. */
  fieldsOf(leaf: number): number;
  /** Verified occurrences of a leaf, in word order. */
  places(leaf: number): readonly Place[];
  /** The item's source id, lower-cased. */
  readonly sourceId: string;
}

interface Span extends Place {
  readonly hits: readonly Hit[];
}

type Node<K extends CompiledNode["k"]> = CompiledNode & { k: K };

/** NEAR keeps at most this many pairs, so two terms repeated thousands of times stay cheap. */
const MAX_NEAR_SPANS = 1_000;
const NO_MASKS: readonly Place[] = [];

/**
 * Evaluates compiled queries on the item its input describes.
 *
 * NOT, per occurrence: inside an AND, a negated term, phrase, OR of them or NEAR (`-"CAC 40"`)
 * is looked for in the text. An occurrence of it that covers an occurrence of one of the AND's
 * own positive terms (same field, same or wider words) masks those occurrences: they no longer
 * count. An occurrence that covers none excludes the item. So `CAC -"CAC 40"` matches "the CAC
 * said" and "CAC 40 fell as the CAC said", but not "the CAC 40 fell"; `AI -"CAC 40"` excludes any
 * item that mentions the CAC 40. Any other NOT operand (an AND, `source:`) excludes the item
 * whenever it matches. Masks and exclusions only ever remove, so adding a NOT never adds a match.
 */
export class QueryEvaluator {
  constructor(private readonly input: EvaluationInput) {}

  /**
   * True when `root` matches; the hits that make it match are appended to `out` (unsorted,
   * possibly repeated). On false, `out` is left as it was.
   */
  evaluate(root: CompiledNode, out: Hit[]): boolean {
    return this.into(root, NO_MASKS, out);
  }

  private into(node: CompiledNode, masks: readonly Place[], out: Hit[]): boolean {
    const input = this.input;
    switch (node.k) {
      case "leaf": {
        let bits = 0;
        if (masks.length === 0) bits = input.fieldsOf(node.leaf);
        else for (const place of input.places(node.leaf)) if (!masked(place, masks)) bits |= 1 << place.f;
        if (bits === 0) return false;
        for (let field = 0; field < 3; field++) if (bits & (1 << field)) out.push(node.hits[field]!);
        return true;
      }
      case "source":
        if (input.sourceId !== node.id) return false;
        out.push(node.hit);
        return true;
      case "near": {
        const spans = this.spans(node, masks);
        for (const span of spans) out.push(...span.hits);
        return spans.length > 0;
      }
      case "or": {
        let any = false;
        for (const child of node.children) if (this.into(child, masks, out)) any = true;
        return any;
      }
      case "and":
        return this.and(node, masks, out);
    }
  }

  private and(node: Node<"and">, masks: readonly Place[], out: Hit[]): boolean {
    const start = out.length;
    let active = masks;
    let own: Place[] | null = null;
    for (const negated of node.maskable) {
      for (const place of this.spans(negated, NO_MASKS)) {
        own ??= node.positiveLeaves.flatMap((leaf) => this.input.places(leaf));
        if (!own.some((mine) => covers(place, mine))) return false;
        active = [...active, place];
      }
    }
    for (const negated of node.excluding) {
      if (this.into(negated, NO_MASKS, out)) {
        out.length = start;
        return false;
      }
    }
    for (const child of node.positive) {
      if (!this.into(child, active, out)) {
        out.length = start;
        return false;
      }
    }
    return true;
  }

  private spans(node: CompiledNode, masks: readonly Place[]): Span[] {
    switch (node.k) {
      case "leaf":
        return this.input
          .places(node.leaf)
          .filter((place) => !masked(place, masks))
          .map((place) => ({ s: place.s, e: place.e, f: place.f, hits: [node.hits[place.f]!] }));
      case "or":
        return node.children.flatMap((child) => this.spans(child, masks)).sort(byStart);
      case "near":
        return near(this.spans(node.left, masks), this.spans(node.right, masks), node.distance);
      default:
        throw new Error(`${node.k} has no places`);
    }
  }
}

function near(left: Span[], right: Span[], distance: number): Span[] {
  if (left.length === 0 || right.length === 0) return [];
  const longest = right.reduce((max, span) => Math.max(max, span.e - span.s), 0);
  const out: Span[] = [];
  for (const x of left) {
    for (let j = firstAtOrAfter(right, x.s - distance - 1 - longest); j < right.length; j++) {
      const y = right[j]!;
      if (y.s > x.e + distance + 1) break;
      if (y.f !== x.f || (y.s === x.s && y.e === x.e)) continue;
      if (Math.max(y.s - x.e, x.s - y.e) - 1 > distance) continue;
      out.push({ s: Math.min(x.s, y.s), e: Math.max(x.e, y.e), f: x.f, hits: [...x.hits, ...y.hits] });
      if (out.length >= MAX_NEAR_SPANS) return out.sort(byStart);
    }
  }
  return out.sort(byStart);
}

function firstAtOrAfter(spans: readonly Span[], start: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (spans[mid]!.s < start) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function covers(outer: Place, inner: Place): boolean {
  return outer.f === inner.f && outer.s <= inner.s && inner.e <= outer.e;
}

function masked(place: Place, masks: readonly Place[]): boolean {
  for (const mask of masks) if (covers(mask, place)) return true;
  return false;
}

function byStart(a: Place, b: Place): number {
  return a.s - b.s || a.e - b.e;
}
