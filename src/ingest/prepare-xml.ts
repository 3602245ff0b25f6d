import { decode } from "html-entities";
import { unprefixFeedElements } from "./feed-namespaces.js";
import { escapeInlineMarkup } from "./inline-markup.js";
import { expandInternalEntities } from "./internal-entities.js";

const XML_ENTITIES = new Set(["amp", "lt", "gt", "quot", "apos"]);
// XML 1.0 forbids these; Postgres rejects NUL; sax would pass them through.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
// CDATA and comments are copied as they are; every `&` elsewhere is checked.
const SEGMENT = /<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<!--[\s\S]*?(?:-->|$)|&(#\d{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{0,31};)?/g;

/**
 * Makes feed text safe and palatable for a strict XML parser, in one linear pass:
 * - entities the document declares itself are expanded if they are plain text, and the
 *   document is refused otherwise (billion laughs, XXE; see `expandInternalEntities`);
 * - HTML named entities (`&nbsp;`, `&hellip;`), which feeds use freely without a DTD,
 *   become numeric references; unknown names and bare `&` become literal text;
 * - RSS/Atom elements written with a namespace prefix lose it (see `unprefixFeedElements`);
 * - markup inside text elements becomes escaped text (see `escapeInlineMarkup`);
 * - control characters are dropped.
 */
export function prepareXml(text: string): string {
  const fixed = expandInternalEntities(text).replace(CONTROL_CHARS, "").replace(SEGMENT, (segment, reference: string | undefined) => {
    if (segment.charCodeAt(0) === 0x3c) return segment;
    if (reference === undefined) return "&amp;";
    // XML writes hexadecimal references with a lower-case x only; `&#X41;` is common all the same.
    if (reference.charCodeAt(0) === 0x23) return isXmlChar(parseReference(reference)) ? segment.replace("&#X", "&#x") : "";
    const name = reference.slice(0, -1);
    if (XML_ENTITIES.has(name)) return segment;
    const decoded = decode(segment, { level: "html5" });
    if (decoded === segment) return `&amp;${reference}`;
    let numeric = "";
    for (const char of decoded) numeric += `&#${char.codePointAt(0)};`;
    return numeric;
  });
  return escapeInlineMarkup(unprefixFeedElements(fixed));
}

function parseReference(reference: string): number {
  const digits = reference.slice(1, -1);
  return digits[0] === "x" || digits[0] === "X" ? parseInt(digits.slice(1), 16) : parseInt(digits, 10);
}

function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}
