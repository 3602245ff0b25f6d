import type { MatchableItem, TopicMatch } from "../../src/domain/match.js";
import { compileMatcher } from "../../src/match/index.js";

export const NOW = new Date("2026-01-15T12:00:00Z");

/** An item published at NOW, with only the fields given. */
export function item(fields: Partial<MatchableItem>): MatchableItem {
  return { title: "", summary: "", content: "", sourceId: "sample", publishedAt: NOW.toISOString(), ...fields };
}

/** The single query's match on an item, or null. */
export function matchOne(query: string, fields: Partial<MatchableItem>, aliases: Record<string, string> = {}): TopicMatch | null {
  return compileMatcher({ queries: [{ id: "q", query }], aliases }).match(item(fields), NOW)[0] ?? null;
}

/** Whether `query` matches an item whose title (or other fields) are given. */
export function matches(query: string, fields: Partial<MatchableItem> | string, aliases: Record<string, string> = {}): boolean {
  return matchOne(query, typeof fields === "string" ? { title: fields } : fields, aliases) !== null;
}
