import chardet from "chardet";
import iconv from "iconv-lite";

/** Text decoded from a feed's bytes, with the charset that was used. */
export interface DecodedText {
  text: string;
  charset: string;
}

// WHATWG-style aliases: GB2312/GBK are subsets of GB18030; Latin-1 labels mean windows-1252 in practice.
const ALIASES: Record<string, string> = {
  gb2312: "gb18030",
  gbk: "gb18030",
  "x-gbk": "gb18030",
  "iso-8859-1": "windows-1252",
  "iso8859-1": "windows-1252",
  latin1: "windows-1252",
  "us-ascii": "windows-1252",
  ascii: "windows-1252",
  utf8: "utf-8",
};

const BOMS: Array<{ bytes: number[]; charset: string }> = [
  { bytes: [0xef, 0xbb, 0xbf], charset: "utf-8" },
  { bytes: [0xff, 0xfe, 0x00, 0x00], charset: "utf-32le" },
  { bytes: [0x00, 0x00, 0xfe, 0xff], charset: "utf-32be" },
  { bytes: [0xff, 0xfe], charset: "utf-16le" },
  { bytes: [0xfe, 0xff], charset: "utf-16be" },
];

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

const MULTI_BYTE = new Set(["gb18030", "big5", "shift_jis", "euc-jp", "euc-kr", "iso-2022-jp"]);
// Detector confidence (0-100) above which it overrules a single-byte label.
const SURE = 50;

// The detector reads at most this much: enough for any statistics, bounded on a 10 MB feed.
const DETECT_SAMPLE_BYTES = 256 * 1024;

/**
 * Decodes a feed: a BOM wins, then bytes that are valid UTF-8 (the Miniflux rule: a wrong
 * label must not spoil good UTF-8), then the HTTP charset, then the XML declaration. Bytes
 * labelled UTF-8, or valid UTF-8 but for a few stray bytes, stay UTF-8 with U+FFFD for the
 * bad bytes. A label that does not fit the bytes, or no label at all, leaves the choice to a
 * statistical detector. Invalid bytes become U+FFFD, never an exception.
 */
export function decodeFeedBytes(bytes: Uint8Array, contentType: string | null): DecodedText {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bom = BOMS.find((candidate) => candidate.bytes.every((byte, i) => buffer[i] === byte));
  if (bom) return { text: iconv.decode(buffer, bom.charset, { stripBOM: true }), charset: bom.charset };
  const sniffed = sniffUtf16(buffer);
  if (sniffed) return { text: iconv.decode(buffer, sniffed), charset: sniffed };
  try {
    return { text: strictUtf8.decode(buffer), charset: "utf-8" };
  } catch {
    // not valid UTF-8 throughout: weigh the evidence below
  }
  const utf8 = utf8Evidence(buffer);
  const labels = [charsetFromContentType(contentType), charsetFromProlog(buffer)].map((label) => normaliseCharset(label)).filter((label): label is string => label !== null);
  // Labelled UTF-8 only when no label says otherwise: servers often default to UTF-8 in the
  // header while the document declares what it really is.
  if (looksLikeUtf8(utf8, labels.length > 0 && labels.every((label) => label === "utf-8"))) {
    return { text: utf8.text, charset: "utf-8" };
  }
  const detected = detectCharsets(buffer);
  for (const charset of labels) {
    if (charset === "utf-8" || charset.startsWith("utf-16") || charset.startsWith("utf-32")) continue;
    // Any byte is valid in most single-byte charsets, so a wrong one never shows as U+FFFD:
    // a detector sure of a multi-byte charset (GBK text labelled ISO-8859-1) overrules it.
    if (!MULTI_BYTE.has(charset) && detected[0] && MULTI_BYTE.has(detected[0].charset) && detected[0].confidence >= SURE) continue;
    const text = iconv.decode(buffer, charset);
    if (replacementRatio(text) < 0.01) return { text, charset };
  }
  for (const { charset } of detected) {
    const text = iconv.decode(buffer, charset);
    if (replacementRatio(text) < 0.01) return { text, charset };
  }
  return { text: iconv.decode(buffer, "windows-1252"), charset: "windows-1252" };
}

interface Utf8Evidence {
  text: string;
  /** Characters beyond ASCII that decoded cleanly. */
  valid: number;
  /** Replacement characters: byte sequences that are not UTF-8. */
  invalid: number;
}

function utf8Evidence(buffer: Buffer): Utf8Evidence {
  const text = buffer.toString("utf8");
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    if (code === 0xfffd) invalid++;
    else if (code < 0xdc00 || code > 0xdfff) valid++;
  }
  // A U+FFFD written as real UTF-8 bytes (EF BF BD) is valid text, not a decoding error.
  const literal = countLiteralReplacements(buffer);
  return { text, valid: valid + literal, invalid: invalid - literal };
}

function countLiteralReplacements(buffer: Buffer): number {
  let count = 0;
  for (let i = buffer.indexOf("\uFFFD"); i !== -1; i = buffer.indexOf("\uFFFD", i + 3)) count++;
  return count;
}

/**
 * Labelled UTF-8, the bytes are taken as UTF-8 unless most of what is not ASCII fails to
 * decode (GBK or Latin-1 text behind a wrong label). Unlabelled (or labelled otherwise), they
 * are UTF-8 when the multi-byte sequences that decode outnumber the bad bytes tenfold: text
 * in a legacy charset almost never forms valid UTF-8 sequences by chance.
 */
function looksLikeUtf8(evidence: Utf8Evidence, labelledUtf8: boolean): boolean {
  if (labelledUtf8) return evidence.invalid <= 2 * evidence.valid + 2;
  return evidence.valid >= 10 * evidence.invalid;
}

/** The detector's candidates, most confident first, as charsets iconv knows. */
function detectCharsets(buffer: Buffer): Array<{ charset: string; confidence: number }> {
  const sample = buffer.length > DETECT_SAMPLE_BYTES ? buffer.subarray(0, DETECT_SAMPLE_BYTES) : buffer;
  const found: Array<{ charset: string; confidence: number }> = [];
  for (const match of chardet.analyse(sample)) {
    const charset = normaliseCharset(match.name);
    if (match.confidence < 10 || charset === null || charset.startsWith("utf") || found.some((seen) => seen.charset === charset)) continue;
    found.push({ charset, confidence: match.confidence });
  }
  return found;
}

export function charsetFromContentType(contentType: string | null): string | null {
  const match = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? "");
  return match?.[1] ?? null;
}

function charsetFromProlog(buffer: Buffer): string | null {
  const head = buffer.subarray(0, 512).toString("latin1");
  const match = /^\s*<\?xml[^>]*?encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  return match?.[1] ?? null;
}

function normaliseCharset(label: string | null): string | null {
  if (!label) return null;
  const lower = label.toLowerCase();
  const charset = ALIASES[lower] ?? lower;
  return iconv.encodingExists(charset) ? charset : null;
}

/** UTF-16 without a BOM still starts with `<` (or `{`) next to a zero byte. */
function sniffUtf16(buffer: Buffer): string | null {
  if (buffer.length < 4) return null;
  const opener = (byte: number | undefined) => byte === 0x3c || byte === 0x7b;
  if (opener(buffer[0]) && buffer[1] === 0 && buffer[2] !== 0 && buffer[3] === 0) return "utf-16le";
  if (buffer[0] === 0 && opener(buffer[1]) && buffer[2] === 0 && buffer[3] !== 0) return "utf-16be";
  return null;
}

function replacementRatio(text: string): number {
  if (text.length === 0) return 0;
  let bad = 0;
  for (let i = text.indexOf("\uFFFD"); i !== -1; i = text.indexOf("\uFFFD", i + 1)) bad++;
  return bad / text.length;
}
