// Elements that carry human text and, in the wild, unescaped (X)HTML.
const TEXT_ELEMENT = /<((?:[A-Za-z_][\w.-]*:)?(?:title|subtitle|tagline|info|summary|content|description|encoded|body|fullitem|rights|copyright))(\s[^<>]*)?>/g;
const TYPE_ATTR = /\btype\s*=\s*(["'])[^"']*\1/i;

/**
 * Turns markup written inside text elements (Atom `type="xhtml"`, raw HTML in an RSS
 * description or title) into escaped text, as if the feed had escaped it. xml2js would
 * otherwise split it into child objects and lose the order of text and tags. One forward
 * pass: an element without its closing tag ends the pass, so no input makes it quadratic.
 */
export function escapeInlineMarkup(text: string): string {
  let out = "";
  let copied = 0;
  TEXT_ELEMENT.lastIndex = 0;
  for (let match = TEXT_ELEMENT.exec(text); match; match = TEXT_ELEMENT.exec(text)) {
    const [opening, name, attrs = ""] = match;
    if (attrs.trimEnd().endsWith("/")) continue;
    const innerStart = match.index + opening.length;
    const closeAt = text.indexOf(`</${name}`, innerStart);
    if (closeAt === -1) break;
    const inner = text.slice(innerStart, closeAt);
    TEXT_ELEMENT.lastIndex = closeAt;
    if (!/<[A-Za-z]/.test(inner) || inner.includes("<![CDATA[")) continue;
    // Whatever the element claimed, its content was markup: say so, so it is read as HTML.
    const typed = TYPE_ATTR.test(attrs) ? attrs.replace(TYPE_ATTR, 'type="html"') : `${attrs} type="html"`;
    const fixedAttrs = typed.replace(/\bmode\s*=\s*(["'])\w+\1/i, 'mode="escaped"');
    out += `${text.slice(copied, match.index)}<${name}${fixedAttrs}>${escape(inner)}`;
    copied = closeAt;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

function escape(markup: string): string {
  return markup.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
