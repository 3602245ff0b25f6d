/** How the word splitter sees one UTF-16 code unit. */
export const SEP = 0;
export const LETTER = 1;
export const DIGIT = 2;
/** A Chinese, Japanese or Korean character: a word of its own, matched without boundaries. */
export const CJK = 3;
/** The high half of a supplementary-plane CJK ideograph (extensions B and later). */
export const CJK_HIGH = 4;

export type CharClass = typeof SEP | typeof LETTER | typeof DIGIT | typeof CJK | typeof CJK_HIGH;

const CJK_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x11ff], // Hangul jamo
  [0x3005, 0x3007], // 々 〆 〇
  [0x3040, 0x30ff], // hiragana, katakana
  [0x3130, 0x318f], // Hangul compatibility jamo
  [0x31f0, 0x31ff], // katakana extensions
  [0x3400, 0x4dbf], // CJK extension A
  [0x4e00, 0x9fff], // CJK unified ideographs
  [0xa960, 0xa97f], // Hangul jamo extended A
  [0xac00, 0xd7af], // Hangul syllables
  [0xf900, 0xfaff], // CJK compatibility ideographs
];

/** One byte per BMP code unit, built once at load (about 10 ms). */
export const CHAR_CLASS: Uint8Array = buildTable();

function buildTable(): Uint8Array {
  const table = new Uint8Array(0x10000);
  const letter = /[\p{L}\p{M}]/u;
  const digit = /\p{Nd}/u;
  for (let c = 0; c < 0x10000; c++) {
    if (c < 0x80) {
      if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) table[c] = LETTER;
      else if (c >= 0x30 && c <= 0x39) table[c] = DIGIT;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const ch = String.fromCharCode(c);
    if (letter.test(ch)) table[c] = LETTER;
    else if (digit.test(ch)) table[c] = DIGIT;
  }
  for (const [from, to] of CJK_RANGES) table.fill(CJK, from, to + 1);
  // Planes 2 and 3 (U+20000–U+3FFFF) hold only CJK ideographs.
  table.fill(CJK_HIGH, 0xd840, 0xd8bf + 1);
  return table;
}

/** True for a code unit that continues a Latin (or other alphabetic) word or a number. */
export function isWordChar(code: number): boolean {
  const cls = CHAR_CLASS[code];
  return cls === LETTER || cls === DIGIT;
}
