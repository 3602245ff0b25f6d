import { CHAR_CLASS, CJK, CJK_HIGH, DIGIT, LETTER, SEP } from "./char-class.js";
import { normaliseForMatch } from "./normalise-for-match.js";

/** One word of a query term, split the way item text is split. */
export interface TermToken {
  /** The token as written, after `normaliseForMatch`. */
  text: string;
  kind: "letter" | "digit" | "cjk";
  /** Part of an all-capital short word (CAC, BIS, H200): must match with the same case. */
  caseSensitive: boolean;
}

const MAX_ACRONYM = 5;

/**
 * Split a term or phrase into the tokens matching uses: runs of letters, runs of digits (so H200,
 * H-200 and H 200 all read as `H`,`200`), and single CJK characters. Punctuation separates.
 */
export function termTokens(written: string): TermToken[] {
  const tokens: TermToken[] = [];
  for (const word of normaliseForMatch(written).split(/\s+/)) {
    const before = tokens.length;
    splitWord(word, tokens);
    if (isAcronym(word)) {
      for (let i = before; i < tokens.length; i++) {
        const token = tokens[i];
        if (token && token.kind === "letter") token.caseSensitive = true;
      }
    }
  }
  return tokens;
}

function splitWord(word: string, out: TermToken[]): void {
  let i = 0;
  while (i < word.length) {
    const cls = CHAR_CLASS[word.charCodeAt(i)];
    if (cls === SEP) {
      i++;
    } else if (cls === CJK || cls === CJK_HIGH) {
      const width = cls === CJK_HIGH && i + 1 < word.length ? 2 : 1;
      out.push({ text: word.slice(i, i + width), kind: "cjk", caseSensitive: false });
      i += width;
    } else {
      let j = i + 1;
      while (j < word.length && CHAR_CLASS[word.charCodeAt(j)] === cls) j++;
      out.push({ text: word.slice(i, j), kind: cls === LETTER ? "letter" : "digit", caseSensitive: false });
      i = j;
    }
  }
}

/** All capitals (digits allowed), at most five letters and digits: CAC, BIS, H200, H-200, EU. */
function isAcronym(word: string): boolean {
  let alnum = 0;
  let upper = false;
  for (const ch of word) {
    const cls = CHAR_CLASS[ch.charCodeAt(0)];
    if (cls !== LETTER && cls !== DIGIT) continue;
    alnum++;
    if (ch !== ch.toUpperCase()) return false;
    if (ch !== ch.toLowerCase()) upper = true;
  }
  return upper && alnum <= MAX_ACRONYM;
}
