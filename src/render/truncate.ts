const ELLIPSIS = "…";
/** How far past the cut we look for the end of an atom; longer than any link token we make. */
const LOOKAHEAD = 2048;
/** The middle of a URL in any spelling we produce: raw, or backslash-escaped for Discord. */
const SCHEME_SLASHES = /:(?:\\?\/){2}/g;
const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });
const words = new Intl.Segmenter(undefined, { granularity: "word" });

export interface TruncateOptions {
  /** Patterns (with the g flag) whose matches are never cut: entities, escapes, link tokens. */
  atoms?: readonly RegExp[];
}

/**
 * Shortens `text` to at most `max` code units, ending in "…". It cuts at a space when one is near the end,
 * else at a word boundary (Chinese has no spaces), else between characters; never inside a grapheme
 * (a surrogate pair, an emoji sequence), a URL, or an atom. An atom that cannot fit is dropped whole.
 */
export function truncate(text: string, max: number, options: TruncateOptions = {}): string {
  if (text.length <= max) return text;
  const budget = max - ELLIPSIS.length;
  if (budget <= 0) return ELLIPSIS.slice(0, Math.max(0, max));
  const head = text.slice(0, budget + LOOKAHEAD);
  const blocked = blockedPositions(head, options.atoms ?? [], budget);
  const allowed = (at: number) => !blocked.has(at);
  const cut =
    lastSpaceCut(head, budget, allowed) ??
    lastBoundary(words, head, budget, allowed, budget * 0.6) ??
    lastBoundary(graphemes, head, budget, allowed, 0) ??
    0;
  const kept = text
    .slice(0, cut)
    .replace(/\s+$/u, "")
    .replace(/(?<!\\)[,:–—]$/u, "");
  return `${kept}${ELLIPSIS}`;
}

/** Positions strictly inside an atom or a URL, up to `limit`. */
function blockedPositions(head: string, atoms: readonly RegExp[], limit: number): Set<number> {
  const spans: Array<[number, number]> = [];
  for (const pattern of atoms) {
    const global = pattern.global ? pattern : new RegExp(pattern.source, `${pattern.flags}g`);
    for (const match of head.matchAll(global)) {
      if (match.index >= limit) break;
      spans.push([match.index, match.index + match[0].length]);
    }
  }
  // URLs are found from their "://" outwards to the surrounding spaces, which keeps this linear.
  for (const match of head.matchAll(SCHEME_SLASHES)) {
    let start = match.index;
    while (start > 0 && !/\s/.test(head[start - 1] ?? " ")) start -= 1;
    if (start >= limit) break;
    let end = match.index + match[0].length;
    while (end < head.length && !/\s/.test(head[end] ?? " ")) end += 1;
    spans.push([start, end]);
  }
  const blocked = new Set<number>();
  for (const [start, end] of spans) {
    for (let at = start + 1; at < Math.min(end, limit + 1); at += 1) blocked.add(at);
  }
  return blocked;
}

/** The last space at or before `budget` outside any atom, if it keeps most of the text. */
function lastSpaceCut(text: string, budget: number, allowed: (at: number) => boolean): number | null {
  for (let at = budget; at > 0 && at >= budget * 0.6; at -= 1) {
    if (/\s/.test(text[at] ?? "") && allowed(at)) return at;
  }
  return null;
}

/** The last boundary of `segmenter` at or before `budget` (and at or after `floor`) outside any atom. */
function lastBoundary(segmenter: Intl.Segmenter, text: string, budget: number, allowed: (at: number) => boolean, floor: number): number | null {
  let best: number | null = null;
  for (const { index } of segmenter.segment(text.slice(0, budget + 64))) {
    if (index > budget) break;
    if (index > 0 && index >= floor && allowed(index)) best = index;
  }
  return best;
}
