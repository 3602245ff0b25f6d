import type { AhoCorasick } from "./aho-corasick.js";
import { CHAR_CLASS, CJK, CJK_HIGH, SEP } from "./char-class.js";
import { normaliseForMatch } from "./normalise-for-match.js";
import { FNV_OFFSET, FNV_PRIME, type SymbolTable } from "./symbol-table.js";

/** Field numbers used in occurrences; their order is the order of MatchField weights. */
export const TITLE = 0;
export const SUMMARY = 1;
export const CONTENT = 2;
export const SOURCE = 3;

/** Called for each pattern occurrence: words first..last (item-wide word numbers) in `field`. */
export type OccurrenceSink = (pattern: number, first: number, last: number, field: number) => void;

/**
 * Splits an item's title, summary and content into words (letter runs, digit runs, single CJK
 * characters), feeds their symbols through the automaton once, and reports every pattern found.
 * Word numbers run on across fields, but the automaton restarts at each field, so no phrase
 * spans two. Word offsets stay available for the checks that need the text (case, boundaries).
 * One scanner serves one item at a time; it is reused to avoid allocation.
 */
export class ItemScanner {
  wordStart = new Int32Array(1024);
  wordEnd = new Int32Array(1024);
  /** The normalised text of each field. */
  readonly texts: string[] = ["", "", ""];

  constructor(
    private readonly symbols: SymbolTable,
    private readonly automaton: AhoCorasick,
  ) {}

  scan(title: string, summary: string, content: string, sink: OccurrenceSink): void {
    const count = this.scanField(title, TITLE, 0, sink);
    this.scanField(content, CONTENT, this.scanField(summary, SUMMARY, count, sink), sink);
  }

  private scanField(raw: string, field: number, count: number, sink: OccurrenceSink): number {
    const text = normaliseForMatch(raw);
    this.texts[field] = text;
    const { symbols, automaton } = this;
    const { output, outputLink, patternLength } = automaton;
    let node = 0;
    let i = 0;
    const n = text.length;
    while (i < n) {
      const code = text.charCodeAt(i);
      const cls = CHAR_CLASS[code]!;
      if (cls === SEP) {
        i++;
        continue;
      }
      let end = i + 1;
      let sym: number;
      if (cls === CJK) {
        sym = symbols.lookupChar(code);
      } else if (cls === CJK_HIGH) {
        sym = symbols.lookupChar(text.codePointAt(i)!);
        if (end < n) end++;
      } else {
        // Hash the word while finding its end, folding ASCII capitals, so it is read once.
        let hash = Math.imul(FNV_OFFSET ^ (code >= 65 && code <= 90 ? code | 0x20 : code), FNV_PRIME);
        let ascii = code < 0x80;
        for (; end < n; end++) {
          const c = text.charCodeAt(end);
          if (CHAR_CLASS[c] !== cls) break;
          if (c >= 0x80) ascii = false;
          hash = Math.imul(hash ^ (c >= 65 && c <= 90 ? c | 0x20 : c), FNV_PRIME);
        }
        sym = ascii ? symbols.lookupAscii(text, i, end, hash) : symbols.lookupWord(text, i, end);
      }
      if (count === this.wordStart.length) this.grow();
      this.wordStart[count] = i;
      this.wordEnd[count] = end;
      node = automaton.step(node, sym);
      if (node !== 0) {
        for (let at = output[node]! >= 0 ? node : outputLink[node]!; at !== 0; at = outputLink[at]!) {
          const pattern = output[at]!;
          sink(pattern, count - patternLength[pattern]! + 1, count, field);
        }
      }
      count++;
      i = end;
    }
    return count;
  }

  private grow(): void {
    const size = this.wordStart.length * 2;
    const start = new Int32Array(size);
    const end = new Int32Array(size);
    start.set(this.wordStart);
    end.set(this.wordEnd);
    this.wordStart = start;
    this.wordEnd = end;
  }
}
