/** An element as xml2js (under rss-parser) gives it: a string, or an object with `_` text, `$` attributes and child arrays. */
export type XmlNode = string | XmlElement;

export interface XmlElement {
  _?: string;
  $?: Record<string, string>;
  [child: string]: unknown;
}

/** The children called `name`, in document order. */
export function childrenOf(node: unknown, name: string): XmlNode[] {
  if (!node || typeof node !== "object") return [];
  const value = Object.hasOwn(node, name) ? (node as Record<string, unknown>)[name] : undefined;
  return Array.isArray(value) ? (value.filter((item) => typeof item === "string" || (item && typeof item === "object")) as XmlNode[]) : [];
}

/** The children called `name`, or when there are none, those called so in other letter case (`<TiTlE>`). */
export function childrenIgnoringCase(node: unknown, name: string): XmlNode[] {
  const exact = childrenOf(node, name);
  if (exact.length > 0 || !node || typeof node !== "object") return exact;
  const key = Object.keys(node).find((candidate) => candidate.toLowerCase() === name);
  return key === undefined ? [] : childrenOf(node, key);
}

/** The first child found under any of `names`, tried in order. */
export function childOf(node: unknown, ...names: string[]): XmlNode | undefined {
  for (const name of names) {
    const found = childrenOf(node, name)[0];
    if (found !== undefined) return found;
  }
  return undefined;
}

export function attrOf(node: XmlNode | undefined, name: string): string | undefined {
  if (!node || typeof node === "string") return undefined;
  const attrs = node.$;
  return attrs && Object.hasOwn(attrs, name) && typeof attrs[name] === "string" ? attrs[name] : undefined;
}

/** The character data of an element, without its child elements. */
export function textOf(node: XmlNode | undefined): string {
  if (node === undefined) return "";
  if (typeof node === "string") return node;
  return typeof node._ === "string" ? node._ : "";
}

/** Rebuilds an element's content as markup, for inline XHTML (Atom `type="xhtml"`). */
export function innerMarkup(node: XmlNode | undefined, depth = 0): string {
  if (node === undefined) return "";
  if (typeof node === "string") return escapeXml(node);
  if (depth > 64) return "";
  let out = typeof node._ === "string" ? escapeXml(node._) : "";
  for (const [name, value] of Object.entries(node)) {
    if (name === "_" || name === "$" || !Array.isArray(value)) continue;
    for (const child of value as XmlNode[]) {
      const attrs = typeof child === "object" && child.$ ? child.$ : {};
      const attrText = Object.entries(attrs)
        .filter(([key]) => !key.startsWith("xmlns"))
        .map(([key, val]) => ` ${key}="${escapeXml(String(val))}"`)
        .join("");
      out += `<${name}${attrText}>${innerMarkup(child, depth + 1)}</${name}>`;
    }
  }
  return out;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
