// Characters that render as nothing but split or disguise words: soft hyphen, combining grapheme
// joiner, Arabic letter mark, Hangul fillers, Mongolian free variation selectors, zero-width spaces
// and joiners, bidi controls and isolates, invisible operators, variation selectors, the BOM. A
// feed (or a user dodging a mention guard) can hide them inside "C\u200BAC"; we remove them rather
// than treat them as spaces so the word stays whole.
const INVISIBLE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x00ad, 0x00ad],
  [0x034f, 0x034f],
  [0x061c, 0x061c],
  [0x115f, 0x1160],
  [0x17b4, 0x17b5],
  [0x180b, 0x180f],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2060, 0x206f],
  [0x3164, 0x3164],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
  [0xffa0, 0xffa0],
];
const hex = (code: number) => `\\u${code.toString(16).padStart(4, "0")}`;
const INVISIBLE_CLASS = `[${INVISIBLE_RANGES.map(([from, to]) => (from === to ? hex(from) : `${hex(from)}-${hex(to)}`)).join("")}]`;
const INVISIBLE = new RegExp(INVISIBLE_CLASS, "g");
const HAS_INVISIBLE = new RegExp(INVISIBLE_CLASS);
const NON_ASCII = /[\u0080-\uFFFF]/;

/**
 * Text as the matcher sees it: Unicode NFKC (so full-width `Ｈ２００` is `H200` and half-width
 * katakana is full-width), with zero-width and bidi control characters removed. Case is kept.
 * Renderers and mention guards use the same function so they agree with matching.
 */
export function normaliseForMatch(text: string): string {
  // ASCII is already NFKC and holds none of the invisible characters: the common case costs one scan.
  if (!NON_ASCII.test(text)) return text;
  const visible = HAS_INVISIBLE.test(text) ? text.replace(INVISIBLE, "") : text;
  const normal = visible.normalize("NFKC");
  // NFKC maps a few compatibility characters (U+FFA0) onto invisible ones (U+1160).
  return normal !== visible && HAS_INVISIBLE.test(normal) ? normal.replace(INVISIBLE, "") : normal;
}
