import { Parser } from "htmlparser2";
import type { RawEntry, RawFeed } from "./raw-feed.js";
import { atomEntry, atomFeedMeta, rssEntry, rssFeedMeta } from "./xml-fields.js";
import type { XmlElement, XmlNode } from "./xml-node.js";

// Deeper elements are skipped: no feed nests this far, and the tree stays cheap to walk.
const MAX_DEPTH = 64;
// Elements kept in all: a 10 MB body of empty tags must not become millions of objects.
const MAX_ELEMENTS = 200_000;
const ENTRIES = new Set(["item", "entry"]);

interface Open {
  name: string;
  element: XmlElement;
  text: string;
  hasChildren: boolean;
}

/**
 * Reads a document that is not well-formed XML (a stray closing tag, `--` inside a comment, an
 * unquoted attribute, a truncated end) the way browsers and lenient readers do: htmlparser2 in
 * XML mode, which never fails, builds the same tree shape xml2js gives rss-parser, and the same
 * field readers take the entries from it. Null when no RSS, RDF or Atom root can be found.
 */
export function recoverXmlFeed(text: string, maxEntries: number): RawFeed | null {
  const root = buildTree(text);
  const rss = first(root, "rss");
  const rdf = first(root, "rdf:RDF") ?? first(root, "RDF");
  const atom = first(root, "feed");
  if (atom && !rss && !rdf) {
    const meta = atomFeedMeta(atom);
    const entries = elements(atom, "entry").slice(0, maxEntries).map((entry) => atomEntry(entry, meta.base));
    return { format: "atom", ...meta, entries };
  }
  const holder = rss ?? rdf ?? root;
  const channel = first(holder, "channel");
  if (!channel) return null;
  // A stray `</channel>` closes the channel early: items after it land beside it.
  const items = [...elements(channel, "item"), ...elements(holder, "item")];
  const meta = rssFeedMeta(channel);
  const entries: RawEntry[] = items.slice(0, maxEntries).map((item) => rssEntry(item, meta.base));
  return { format: rdf && !rss ? "rdf" : "rss", ...meta, entries };
}

function buildTree(text: string): XmlElement {
  const root: Open = { name: "", element: newElement(), text: "", hasChildren: false };
  const stack: Open[] = [root];
  const closeThrough = (index: number) => {
    while (stack.length > index) {
      const closed = stack.pop()!;
      const parent = stack.at(-1)!;
      parent.hasChildren = true;
      const list = Object.hasOwn(parent.element, closed.name) ? (parent.element[closed.name] as XmlNode[]) : [];
      list.push(finish(closed));
      parent.element[closed.name] = list;
    }
  };
  let skipped = 0;
  let kept = 0;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (skipped > 0 || stack.length > MAX_DEPTH || kept >= MAX_ELEMENTS) return void skipped++;
        kept++;
        // An entry never holds another: an unclosed `<item>` ends where the next one starts.
        if (ENTRIES.has(name)) {
          const open = stack.findIndex((candidate) => candidate.name === name);
          if (open > 0) closeThrough(open);
        }
        const element = newElement();
        if (Object.keys(attributes).length > 0) element.$ = { ...attributes };
        stack.push({ name, element, text: "", hasChildren: false });
      },
      ontext(data) {
        if (skipped === 0) stack.at(-1)!.text += data;
      },
      onclosetag(name) {
        if (skipped > 0) return void skipped--;
        // Closing tags are matched by name; one whose element was closed already is ignored.
        let open = stack.length - 1;
        while (open > 0 && stack[open]!.name !== name) open--;
        if (open > 0) closeThrough(open);
      },
    },
    { xmlMode: true, decodeEntities: true, recognizeCDATA: true },
  );
  // A `<` that starts no tag ("5 <3", "a < b") is text, as a browser would read it.
  parser.end(text.replace(/<(?![A-Za-z_/!?])/g, "&lt;"));
  closeThrough(1);
  return root.element;
}

/** Without a prototype, so that an element called `__proto__` or `constructor` is just a child. */
function newElement(): XmlElement {
  return Object.create(null) as XmlElement;
}

/** As xml2js gives it: a bare string for an element with text only, else `_` and `$` beside the children. */
function finish(open: Open): XmlNode {
  if (!open.hasChildren && !open.element.$) return open.text;
  if (open.text.trim() !== "" || !open.hasChildren) open.element._ = open.text;
  return open.element;
}

function elements(node: XmlElement, name: string): XmlElement[] {
  const value = Object.hasOwn(node, name) ? node[name] : undefined;
  if (!Array.isArray(value)) return [];
  return value.map((child: XmlNode) => (typeof child === "string" ? { _: child } : child));
}

function first(node: XmlElement, name: string): XmlElement | undefined {
  return elements(node, name)[0];
}
