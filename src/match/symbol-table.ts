import { pluralForms, stem } from "./stem.js";
import type { TermToken } from "./term-tokens.js";

/** FNV-1a over UTF-16 code units; the scanner computes it while it reads a word. */
export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;
const SLOT = 4; // hash, symbol, offset of the form in the pool, its length (0 = empty slot)

/**
 * Query words as small integers. A letter word's symbol stands for its plural-insensitive key
 * (`stem`); every surface form of that key (`control`, `controls`) is entered in an
 * open-addressing table kept in one Int32Array, with the forms' characters in one Uint16Array,
 * so a lookup touches two cache lines and allocates nothing. Symbol 0: no query uses the word.
 * In front of the table sits a one-bit-per-hash filter small enough to stay in cache, so most
 * words no query uses are turned away without touching the table at all.
 */
export class SymbolTable {
  private slots = new Int32Array(0);
  private mask = 0;
  private filter = new Int32Array(0);
  private filterShift = 0;
  private size = 0;
  private pool = new Uint16Array(4096);
  private poolUsed = 0;
  private readonly ids = new Map<string, number>();
  private readonly bmpChars = new Int32Array(0x10000);
  private readonly astralChars = new Map<number, number>();

  constructor() {
    this.resize(1024);
  }

  /** Symbols handed out so far; valid symbols are 1..count. */
  get count(): number {
    return this.ids.size;
  }

  /** The symbol of a query token, registering it (and its plural forms) on first sight. */
  symbolOf(token: TermToken): number {
    if (token.kind === "cjk") {
      const code = token.text.codePointAt(0) ?? 0;
      return this.intern(`c:${token.text}`, (sym) => (code < 0x10000 ? (this.bmpChars[code] = sym) : this.astralChars.set(code, sym)));
    }
    if (token.kind === "digit") return this.intern(`d:${token.text}`, (sym) => this.put(token.text, sym));
    const key = stem(token.text.toLowerCase());
    return this.intern(`w:${key}`, (sym) => pluralForms(key).forEach((form) => this.put(form, sym)));
  }

  /**
   * The symbol of the ASCII word text[start, end), given `hash`: FNV-1a of its characters with
   * A–Z folded to a–z. Or 0.
   */
  lookupAscii(text: string, start: number, end: number, hash: number): number {
    const filterBit = hash >>> this.filterShift;
    if ((this.filter[filterBit >>> 5]! & (1 << (filterBit & 31))) === 0) return 0;
    const { slots, pool, mask } = this;
    const length = end - start;
    for (let slot = mix(hash) & mask; ; slot = (slot + 1) & mask) {
      const at = slot * SLOT;
      const slotLength = slots[at + 3]!;
      if (slotLength === 0) return 0;
      if (slots[at] !== hash || slotLength !== length) continue;
      let offset = slots[at + 2]!;
      let i = start;
      for (; i < end; i++, offset++) {
        let c = text.charCodeAt(i);
        if (c >= 65 && c <= 90) c |= 0x20;
        if (c !== pool[offset]) break;
      }
      if (i === end) return slots[at + 1]!;
    }
  }

  /** The symbol of any word (the scanner's slow path for non-ASCII), ignoring case. Or 0. */
  lookupWord(text: string, start: number, end: number): number {
    const folded = text.slice(start, end).toLowerCase();
    return this.lookupAscii(folded, 0, folded.length, hashOf(folded));
  }

  /** The symbol of one CJK character (a code point), or 0. */
  lookupChar(code: number): number {
    return code < 0x10000 ? this.bmpChars[code]! : (this.astralChars.get(code) ?? 0);
  }

  private intern(key: string, register: (sym: number) => unknown): number {
    let sym = this.ids.get(key);
    if (sym === undefined) {
      sym = this.ids.size + 1;
      this.ids.set(key, sym);
      register(sym);
    }
    return sym;
  }

  /** Forms are lower-case; toLowerCase has already run on them, so lookups can compare as-is. */
  private put(form: string, sym: number): void {
    if (this.lookupWord(form, 0, form.length) !== 0) return;
    if ((this.size + 1) * 2 > this.mask + 1) this.resize((this.mask + 1) * 2);
    if (this.poolUsed + form.length > this.pool.length) {
      const wider = new Uint16Array(Math.max(this.pool.length * 2, this.poolUsed + form.length));
      wider.set(this.pool);
      this.pool = wider;
    }
    const offset = this.poolUsed;
    for (let i = 0; i < form.length; i++) this.pool[offset + i] = form.charCodeAt(i);
    this.poolUsed += form.length;
    this.insert(hashOf(form), sym, offset, form.length);
  }

  private insert(hash: number, sym: number, offset: number, length: number): void {
    const filterBit = hash >>> this.filterShift;
    this.filter[filterBit >>> 5]! |= 1 << (filterBit & 31);
    let slot = mix(hash) & this.mask;
    while (this.slots[slot * SLOT + 3] !== 0) slot = (slot + 1) & this.mask;
    const at = slot * SLOT;
    this.slots[at] = hash;
    this.slots[at + 1] = sym;
    this.slots[at + 2] = offset;
    this.slots[at + 3] = length;
    this.size++;
  }

  private resize(capacity: number): void {
    const old = this.slots;
    this.slots = new Int32Array(capacity * SLOT);
    this.mask = capacity - 1;
    // Eight filter bits per slot (so about 6% false positives when half full), 8 KB to 32 KB.
    const filterBits = Math.min(Math.max(capacity * 8, 1 << 16), 1 << 18);
    this.filter = new Int32Array(filterBits >>> 5);
    this.filterShift = 32 - Math.log2(filterBits);
    this.size = 0;
    for (let at = 0; at < old.length; at += SLOT) {
      if (old[at + 3] !== 0) this.insert(old[at]!, old[at + 1]!, old[at + 2]!, old[at + 3]!);
    }
  }
}

function hashOf(folded: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < folded.length; i++) hash = Math.imul(hash ^ folded.charCodeAt(i), FNV_PRIME);
  return hash;
}

function mix(hash: number): number {
  return hash ^ (hash >>> 15);
}
