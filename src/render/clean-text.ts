const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Bidi embeddings, overrides, isolates and marks: they can make a title read backwards (U+202E). */
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
/**
 * Invisible characters that hide text from readers and filters: zero-width space and non-joiner, word
 * joiner, BOM, soft hyphen, invisible operators, Hangul fillers, Mongolian vowel separator, tag characters.
 */
const INVISIBLE = /\u034F|[\u00AD\u115F\u1160\u180E\u200B\u200C\u2060-\u2064\u206A-\u206F\u3164\uFEFF\uFFA0]|[\u{E0000}-\u{E007F}]/gu;
/** A zero-width joiner survives only inside an emoji sequence (👩‍💻); anywhere else it hides text. */
const STRAY_ZWJ = /(?<![\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F])\u200D|\u200D(?!\p{Extended_Pictographic})/gu;
/**
 * NFKC everywhere except full-width punctuation and the ellipsis: Chinese text keeps its "，" and "：" as
 * written. Those are safe as they are: no platform reads "＜" or "＠" as markup or a mention.
 */
const NOT_KEPT_AS_IS = /[^\uFF01-\uFF0F\uFF1A-\uFF20\uFF3B-\uFF40\uFF5B-\uFF60\u2026]+/gu;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
/** More than a few combining marks on one letter is "Zalgo" text that spills over neighbouring lines. */
const MARK_FLOOD = /(\p{M}{4})\p{M}+/gu;

/**
 * Feed text made safe to show anywhere: well-formed, NFKC (so full-width letters, styled letters and
 * ligatures read plainly), without control, bidi or invisible characters, on one line.
 */
export function cleanText(text: string): string {
  return text
    .replace(LONE_SURROGATE, "\uFFFD")
    .replace(BIDI, "")
    .replace(INVISIBLE, "")
    .replace(STRAY_ZWJ, "")
    .replace(NOT_KEPT_AS_IS, (run) => run.normalize("NFKC"))
    // Again after NFKC: it maps some fillers to others.
    .replace(INVISIBLE, "")
    .replace(CONTROL, " ")
    .replace(MARK_FLOOD, "$1")
    .replace(/\s+/g, " ")
    .trim();
}

/** At most `max` code units of `text`, without splitting a surrogate pair: a cheap bound before cleaning. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\uD800-\uDBFF]/.test(text[max - 1] ?? "") ? max - 1 : max;
  return text.slice(0, end);
}
