import type { DigestFooter, DigestSection } from "../domain/digest.js";

const DAY_MS = 86_400_000;

/**
 * Example commands built from the digest's best story ("/brief search H200 since:7d"), so the footer
 * teaches with words the reader has just seen, and the search it shows finds that story: its `since:`
 * reaches back to the story's date. Falls back to placeholders when nothing matched.
 */
export function footerFor(sections: readonly DigestSection[], now: Date, command = "/brief"): DigestFooter {
  const stories = sections.flatMap((section) => section.stories).sort((a, b) => b.score - a.score);
  const best = stories.find((story) => story.matchedTerms.some(isExampleTerm));
  const terms = stories.flatMap((story) => story.matchedTerms).filter(isExampleTerm).map(tidy).filter(Boolean);
  const search = best ? tidy(best.matchedTerms.find(isExampleTerm)!) : undefined;
  // A phrase makes the better watch example: that is what quotes are for.
  const watch = terms.find((term) => term !== search && term.includes(" ")) ?? terms.find((term) => term !== search) ?? search;
  const days = best ? Math.max(7, Math.ceil((now.getTime() - Date.parse(best.publishedAt)) / DAY_MS)) : 7;
  return {
    search: `${command} search ${search ? (search.includes(" ") ? `"${search}"` : search) : "<words>"} since:${Number.isFinite(days) ? Math.min(days, 9999) : 7}d`,
    watch: `${command} watch "${watch ?? "<phrase>"}"`,
  };
}

/** `source:x` says where a story came from, not what it is about: no use as an example. */
function isExampleTerm(term: string): boolean {
  return !/^source:/i.test(term.trim());
}

function tidy(term: string): string {
  return term.replace(/["`]/g, "").replace(/\s+/g, " ").trim().slice(0, 40);
}
