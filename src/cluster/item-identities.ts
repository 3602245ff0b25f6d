import { fnv1a32 } from "./hash32.js";
import type { TextRun } from "./normalise-text.js";
import { urlIdentity } from "./url-identity.js";

/** The exact-duplicate keys of an item; each is null when the item has nothing to key on. */
export interface ItemIdentities {
  /** The item itself, so assigning it twice answers the same. */
  key: string;
  url: string | null;
  /** Hash of the normalised title: the same article re-published under a new guid and URL. */
  title: string | null;
}

/** Shorter titles ("Markets wrap", "每日快讯") repeat across unrelated days and outlets. */
const MIN_TITLE_TOKENS = 5;

/** `titleRuns` is `textRuns(item.title)`, made once by the caller for features as well. */
export function itemIdentities(item: { key: string; url: string | null; link: string | null }, titleRuns: readonly TextRun[]): ItemIdentities {
  const raw = item.url ?? item.link;
  const url = raw === null ? null : urlIdentity(raw);
  // A bare host is a homepage: feeds that link every item there must not collapse into one.
  return { key: itemKeyIdentity(item.key), url: url === null || !url.includes("/") ? null : `u:${url}`, title: titleIdentity(titleRuns) };
}

export function itemKeyIdentity(key: string): string {
  return `k:${key}`;
}

function titleIdentity(runs: readonly TextRun[]): string | null {
  const tokens: string[] = [];
  for (const run of runs) tokens.push(...(run.cjk ? [...run.text] : [run.text]));
  if (tokens.length < MIN_TITLE_TOKENS) return null;
  const text = tokens.join(" ");
  // Two independent 32-bit hashes: one alone is likely to collide somewhere among ~80,000 titles.
  return `t:${fnv1a32(text).toString(36)}${fnv1a32(text, 0x2c9277b5).toString(36)}`;
}
