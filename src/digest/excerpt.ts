/** Longer than any renderer shows (they cut to one or two lines); enough to cut there at a word. */
export const EXCERPT_CHARS = 300;
const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/**
 * The first words of a summary on one line: at most `EXCERPT_CHARS`, cut at a space when there is one
 * in the last part, else between characters (Chinese), never inside a surrogate pair or emoji, with "…".
 */
export function excerptOf(summary: string, max = EXCERPT_CHARS): string {
  const text = summary.slice(0, max * 4).replace(/\s+/g, " ").trim();
  if (text.length <= max) return text;
  let cut = 0;
  for (const { index } of graphemes.segment(text.slice(0, max + 16))) {
    if (index > max - 1) break;
    cut = index;
  }
  const space = text.lastIndexOf(" ", max - 1);
  if (space > max * 0.6) cut = space;
  return `${text.slice(0, cut).trimEnd()}…`;
}
