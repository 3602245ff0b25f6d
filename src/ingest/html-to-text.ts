import { Tokenizer } from "htmlparser2";

// Elements whose content is never text a reader sees.
const SKIPPED = new Set(["script", "style", "noscript", "template", "iframe", "svg", "math", "select", "canvas", "audio", "video"]);
// Elements that end a line of text.
const BLOCKS = new Set([
  "p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "section",
  "article", "header", "footer", "aside", "nav", "main", "table", "tr", "figure", "figcaption", "hr", "address", "form", "fieldset",
]);
const CELLS = new Set(["td", "th"]);

/** Input beyond this many characters is cut before conversion, so cost stays bounded. */
export const MAX_HTML_INPUT = 256 * 1024;

/**
 * HTML to plain text in one linear pass with htmlparser2's tokenizer (which never backtracks,
 * unlike rss-parser's snippet regex): entities decoded, scripts and styles dropped with their
 * content, block ends as newlines. Whitespace is left for `cleanText` to fold. The tokenizer is
 * used without htmlparser2's Parser because attributes, which the Parser collects, are never needed.
 */
export function htmlToText(html: string, maxInput = MAX_HTML_INPUT): string {
  const input = html.length > maxInput ? html.slice(0, maxInput) : html;
  if (!input.includes("<") && !input.includes("&")) return input;
  const parts: string[] = [];
  let skipping = 0;
  const tag = (start: number, end: number) => input.slice(start, end).toLowerCase();
  const open = (name: string) => {
    if (SKIPPED.has(name)) skipping++;
    else if (skipping === 0 && BLOCKS.has(name)) parts.push("\n");
  };
  const close = (name: string) => {
    if (SKIPPED.has(name)) skipping = Math.max(0, skipping - 1);
    else if (skipping === 0 && BLOCKS.has(name)) parts.push("\n");
    else if (skipping === 0 && CELLS.has(name)) parts.push(" ");
  };
  let pending = "";
  const noop = () => undefined;
  const tokenizer = new Tokenizer(
    { decodeEntities: true, xmlMode: false },
    {
      ontext: (start, end) => void (skipping === 0 && parts.push(input.slice(start, end))),
      ontextentity: (codepoint) => void (skipping === 0 && parts.push(String.fromCodePoint(codepoint))),
      onopentagname: (start, end) => {
        pending = tag(start, end);
        open(pending);
      },
      // A self-closed `<iframe/>` (XHTML content) gets no closing tag: undo what opening it did.
      onselfclosingtag: () => void (SKIPPED.has(pending) && (skipping = Math.max(0, skipping - 1))),
      onclosetag: (start, end) => close(tag(start, end)),
      onopentagend: noop, onattribdata: noop, onattribentity: noop, onattribend: noop, onattribname: noop,
      oncdata: noop, oncomment: noop, ondeclaration: noop, onend: noop, onprocessinginstruction: noop,
    },
  );
  tokenizer.write(input);
  tokenizer.end();
  return parts.join("");
}
