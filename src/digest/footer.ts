import type { DigestFooter, DigestSection } from "../domain/digest.js";

/**
 * Example commands built from the terms of the digest's best stories ("/brief search H200 since:7d"), so the footer
 * teaches with words the reader has just seen. Falls back to placeholders when nothing matched.
 */
export function footerFor(sections: readonly DigestSection[], command = "/brief"): DigestFooter {
  const stories = sections.flatMap((section) => section.stories).sort((a, b) => b.score - a.score);
  const terms = stories.flatMap((story) => story.matchedTerms).map(tidy).filter(Boolean);
  const search = terms[0];
  // A phrase makes the better watch example: that is what quotes are for.
  const watch = terms.find((term) => term !== search && term.includes(" ")) ?? terms.find((term) => term !== search) ?? search;
  return {
    search: `${command} search ${search ? (search.includes(" ") ? `"${search}"` : search) : "<words>"} since:7d`,
    watch: `${command} watch "${watch ?? "<phrase>"}"`,
  };
}

function tidy(term: string): string {
  return term.replace(/["`]/g, "").replace(/\s+/g, " ").trim().slice(0, 40);
}
