import { isWordChar } from "./char-class.js";
import { TITLE, type ItemScanner } from "./item-scanner.js";
import type { TermNode } from "./query-ast.js";
import type { SymbolTable } from "./symbol-table.js";
import { termTokens } from "./term-tokens.js";

/** What an automaton hit must also satisfy to count as an occurrence of a term or phrase. */
export interface LeafSpec {
  readonly pattern: number;
  readonly titleOnly: boolean;
  /** The first (last) word is letters or digits, so the text must not continue the word there. */
  readonly checkStart: boolean;
  readonly checkEnd: boolean;
  /** The last word is a number, so a glued plural `s` may follow (`H200s`). */
  readonly endsInDigits: boolean;
  /** Words of all-capital short terms, which must appear as written (or with a plural `s`). */
  readonly caseChecks: ReadonlyArray<{ offset: number; text: string }>;
}

/**
 * Turns terms into automaton patterns (word-symbol sequences, each stored once however many
 * queries use it) and leaf specs (pattern plus checks, also stored once).
 */
export class LeafRegistry {
  readonly patterns: Int32Array[] = [];
  readonly leaves: LeafSpec[] = [];
  private readonly patternIds = new Map<string, number>();
  private readonly leafIds = new Map<string, number>();
  private readonly leafOfTerm = new Map<string, number>();

  constructor(private readonly symbols: SymbolTable) {}

  /** The leaf id of a term; the parser has already checked that it has at least one word. */
  leafOf(term: TermNode): number {
    const termKey = `${term.scope}\u0000${term.text}`;
    const known = this.leafOfTerm.get(termKey);
    if (known !== undefined) return known;
    const leaf = this.register(term);
    this.leafOfTerm.set(termKey, leaf);
    return leaf;
  }

  private register(term: TermNode): number {
    const tokens = termTokens(term.text);
    const syms = Int32Array.from(tokens, (token) => this.symbols.symbolOf(token));
    const patternKey = syms.join(",");
    let pattern = this.patternIds.get(patternKey);
    if (pattern === undefined) {
      pattern = this.patterns.length;
      this.patterns.push(syms);
      this.patternIds.set(patternKey, pattern);
    }
    const first = tokens[0];
    const last = tokens[tokens.length - 1];
    const spec: LeafSpec = {
      pattern,
      titleOnly: term.scope === "title",
      checkStart: first !== undefined && first.kind !== "cjk",
      checkEnd: last !== undefined && last.kind !== "cjk",
      endsInDigits: last?.kind === "digit",
      caseChecks: tokens.flatMap((token, offset) => (token.caseSensitive ? [{ offset, text: token.text }] : [])),
    };
    // Different spellings (H200, H-200, Ｈ２００) share one leaf when their checks agree.
    const flags = [spec.titleOnly, spec.checkStart, spec.checkEnd, spec.endsInDigits].map(Number).join("");
    const leafKey = `${pattern}|${flags}|${spec.caseChecks.map((check) => `${check.offset}:${check.text}`).join(",")}`;
    let leaf = this.leafIds.get(leafKey);
    if (leaf === undefined) {
      leaf = this.leaves.length;
      this.leaves.push(spec);
      this.leafIds.set(leafKey, leaf);
    }
    return leaf;
  }
}

const LOWER_S = 0x73;
const TITLE_ONLY = 1;
const CHECK_START = 2;
const CHECK_END = 4;
const ENDS_IN_DIGITS = 8;
const CASE_CHECKS = 16;

/**
 * The leaf specs as typed arrays, for the hot path: reading a leaf's pattern and flags touches
 * two small arrays instead of an object per leaf.
 */
export class LeafTable {
  readonly pattern: Int32Array;
  private readonly flags: Uint8Array;

  constructor(private readonly specs: readonly LeafSpec[]) {
    this.pattern = Int32Array.from(specs, (spec) => spec.pattern);
    this.flags = Uint8Array.from(
      specs,
      (spec) =>
        (spec.titleOnly ? TITLE_ONLY : 0) |
        (spec.checkStart ? CHECK_START : 0) |
        (spec.checkEnd ? CHECK_END : 0) |
        (spec.endsInDigits ? ENDS_IN_DIGITS : 0) |
        (spec.caseChecks.length > 0 ? CASE_CHECKS : 0),
    );
  }

  /** Whether the automaton's hit on words first..last of `field` is a real occurrence of the leaf. */
  verify(leaf: number, scan: ItemScanner, first: number, last: number, field: number): boolean {
    const flags = this.flags[leaf]!;
    if (flags & TITLE_ONLY && field !== TITLE) return false;
    const text = scan.texts[field]!;
    const start = scan.wordStart[first]!;
    const end = scan.wordEnd[last]!;
    // H200 must not match inside AH200, nor CAC inside CAC40; a letter–digit change splits words.
    if (flags & CHECK_START && start > 0 && isWordChar(text.charCodeAt(start - 1))) return false;
    if (flags & CHECK_END && end < text.length && isWordChar(text.charCodeAt(end))) {
      const pluralS = flags & ENDS_IN_DIGITS && text.charCodeAt(end) === LOWER_S && !isWordChar(text.charCodeAt(end + 1));
      if (!pluralS) return false;
    }
    return (flags & CASE_CHECKS) === 0 || sameCase(this.specs[leaf]!, scan, text, first);
  }
}

/** All-capital words appear as written, or with a plural `s`. */
function sameCase(spec: LeafSpec, scan: ItemScanner, text: string, first: number): boolean {
  for (const check of spec.caseChecks) {
    const word = first + check.offset;
    const wordStart = scan.wordStart[word]!;
    const length = scan.wordEnd[word]! - wordStart;
    if (!text.startsWith(check.text, wordStart)) return false;
    if (length !== check.text.length && !(length === check.text.length + 1 && text.charCodeAt(wordStart + length - 1) === LOWER_S)) {
      return false;
    }
  }
  return true;
}
