import { FetchError } from "./fetch-error.js";

/** More declarations than this in one document are refused. */
export const MAX_ENTITIES = 32;
/** Expanding references may add at most this many characters to the document. */
export const MAX_ENTITY_GROWTH = 64 * 1024;

const PREDEFINED = new Set(["amp", "lt", "gt", "quot", "apos"]);
const QUOTED = `(?:"[^"]*"|'[^']*')`;
const DOCTYPE_HEAD = new RegExp(`<!DOCTYPE\\s+[^\\s[>]+(?:\\s+(?:SYSTEM\\s*${QUOTED}|PUBLIC\\s*${QUOTED}\\s*${QUOTED}))?\\s*\\[`, "iy");
// One part of an internal subset; quoted strings may hold ">". Anything else (a parameter-entity
// reference such as `%x;`) does not match, and the document is refused.
const SUBSET_PART = /\s+|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!(ENTITY|ELEMENT|ATTLIST|NOTATION)\s(?:[^>"']|"[^"]*"|'[^']*')*>|\]\s*>/iy;
// Plain text only: no `&` or `%` (references to other entities, the start of every expansion
// bomb, including `&#38;` which becomes `&` when the value is read) and no markup.
const SAFE_ENTITY = /^<!ENTITY\s+([A-Za-z_][\w.-]*)\s+(?:"([^"&%<]*)"|'([^'&%<]*)')\s*>$/;
const REFERENCE = /<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<!--[\s\S]*?(?:-->|$)|&([A-Za-z_][\w.-]*);/g;

/**
 * Expands the general entities a document declares in its internal DTD subset, and removes the
 * DOCTYPE, before the document reaches the XML parser (which expands nothing). Only plain-text
 * internal entities are allowed (`<!ENTITY id "tag:example.com,">`), at most `MAX_ENTITIES` of
 * them, growing the document by at most `MAX_ENTITY_GROWTH` characters; external, parameter,
 * nested or markup-bearing entities are refused, in one linear pass without expanding anything.
 */
export function expandInternalEntities(text: string): string {
  const rootAt = text.search(/<[A-Za-z_]/);
  const prolog = rootAt === -1 ? text : text.slice(0, rootAt);
  if (!/<!ENTITY\s/i.test(prolog)) return text;
  const doctypeAt = prolog.search(/<!DOCTYPE\s/i);
  DOCTYPE_HEAD.lastIndex = doctypeAt;
  if (doctypeAt === -1 || !DOCTYPE_HEAD.test(text)) throw refused("declares XML entities outside a DTD that can be read safely");
  const entities = new Map<string, string>();
  let declared = 0;
  let at = DOCTYPE_HEAD.lastIndex;
  for (;;) {
    SUBSET_PART.lastIndex = at;
    const part = SUBSET_PART.exec(text);
    if (!part) throw refused("declares XML entities in a DTD that cannot be read safely");
    at = SUBSET_PART.lastIndex;
    if (part[0].startsWith("]")) break;
    if (part[1]?.toUpperCase() !== "ENTITY") continue;
    if (++declared > MAX_ENTITIES) throw refused(`declares more than ${MAX_ENTITIES} XML entities`);
    const [name, value] = readDeclaration(part[0]);
    // As in XML, the first declaration of a name is the one that counts.
    if (!entities.has(name)) entities.set(name, value);
  }
  return text.slice(0, doctypeAt) + expandReferences(text.slice(at), entities);
}

function readDeclaration(declaration: string): [string, string] {
  const safe = SAFE_ENTITY.exec(declaration);
  if (!safe) {
    if (/^<!ENTITY\s+%/i.test(declaration)) throw refused("declares XML parameter entities");
    if (/\s(?:SYSTEM|PUBLIC)[\s"']/i.test(declaration)) throw refused("declares external XML entities (XXE)");
    throw refused("declares XML entities that refer to other entities or contain markup");
  }
  const name = safe[1]!;
  if (PREDEFINED.has(name)) throw refused(`redeclares one of XML's own entities (&${name};)`);
  // Escaped so that a quote in the value cannot end an attribute it is used in.
  const value = (safe[2] ?? safe[3] ?? "").replace(/"/g, "&quot;").replace(/'/g, "&apos;").replace(/>/g, "&gt;");
  return [name, value];
}

function expandReferences(body: string, entities: Map<string, string>): string {
  let growth = 0;
  return body.replace(REFERENCE, (segment, name: string | undefined) => {
    const value = name === undefined ? undefined : entities.get(name);
    if (value === undefined) return segment;
    growth += value.length - segment.length;
    if (growth > MAX_ENTITY_GROWTH) throw refused(`uses its XML entities so often that they would add more than ${MAX_ENTITY_GROWTH} characters`);
    return value;
  });
}

function refused(what: string): FetchError {
  return new FetchError("not-a-feed", `the feed ${what}, which is refused (entity expansion and XXE attacks)`);
}
