// C0/C1 controls (not tab or newline), zero-width space/no-break, word joiner, and bidi
// embeddings, overrides and isolates: invisible characters used to hide or spoof text.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B\u2060\uFEFF\u202A-\u202E\u2066-\u2069]/g;
const ASCII = /^[ -~\t\n\r]*$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export interface CleanTextOptions {
  /** Keep line breaks between blocks (bodies); otherwise fold everything onto one line. */
  multiline?: boolean;
  /** Longest result in characters; longer text ends with an ellipsis. */
  maxLength?: number;
}

/** Text as stored: Unicode NFKC, no invisible or control characters, whitespace folded, length capped. */
export function cleanText(text: string, options: CleanTextOptions = {}): string {
  // Printable ASCII is its own NFKC form, with no surrogates and nothing invisible: skip those steps.
  let result = ASCII.test(text) ? text : text.replace(LONE_SURROGATE, "").normalize("NFKC").replace(INVISIBLE, "");
  if (options.multiline) {
    result = result
      .split(/\r\n?|\n/)
      .map((line) => line.replace(/\s+/g, " ").trim())
      .filter((line, index, lines) => line !== "" || (index > 0 && lines[index - 1] !== ""))
      .join("\n")
      .trim();
  } else {
    result = result.replace(/\s+/g, " ").trim();
  }
  return options.maxLength !== undefined ? truncate(result, options.maxLength) : result;
}

/** Cuts at a word boundary when one is near, never inside a surrogate pair. */
export function truncate(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  let cut = text.slice(0, maxLength - 1);
  const space = cut.lastIndexOf(" ");
  if (space > maxLength * 0.8) cut = cut.slice(0, space);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}
