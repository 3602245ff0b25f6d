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

/**
 * Decodes a feed: a BOM wins, then bytes that are valid UTF-8 (the Miniflux rule: a wrong
 * label must not spoil good UTF-8), then the HTTP charset, then the XML declaration. When a
 * label yields mostly U+FFFD, GB18030 and windows-1252 are tried. Invalid bytes become U+FFFD,
 * never an exception.
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
    // not UTF-8: fall through to the labels
  }
  const labels = [charsetFromContentType(contentType), charsetFromProlog(buffer)]
    .map((label) => normaliseCharset(label))
    .filter((label): label is string => label !== null && label !== "utf-8" && !label.startsWith("utf-16") && !label.startsWith("utf-32"));
  for (const charset of [...labels, "gb18030", "windows-1252"]) {
    const text = iconv.decode(buffer, charset);
    if (replacementRatio(text) < 0.01) return { text, charset };
  }
  return { text: new TextDecoder("utf-8").decode(buffer), charset: "utf-8" };
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
