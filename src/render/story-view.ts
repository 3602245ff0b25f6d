import type { Digest, DigestStory } from "../domain/digest.js";
import { cleanText, clip } from "./clean-text.js";
import { formatAge } from "./format-age.js";
import { STORY_BUDGET } from "./limits.js";
import { linkHref } from "./link-href.js";
import { truncate } from "./truncate.js";

/**
 * A story's display pieces as clean plain text, shortened to our budgets; each renderer escapes them for
 * its platform. `href` is the only thing a renderer may make clickable.
 */
export interface StoryView {
  title: string;
  href: string | null;
  /** "Policy Wire +2 more sources (Chip Daily, 科技政策速递)" */
  outlets: string;
  /** "5 h ago"; "first seen 5 h ago" when the feed gave no date */
  age: string;
  /** "matched: H200, Nvidia", or empty */
  matched: string;
  /** One or two lines, or empty. */
  excerpt: string;
}

/** Plain text of at most `max` code units: clipped raw (a 1 MB description costs nothing), cleaned, shortened. */
export function plain(text: string, max: number): string {
  return truncate(cleanText(clip(text, max * 4)), max);
}

/** A topic's heading, never empty. */
export function topicTitle(name: string): string {
  return plain(name, STORY_BUDGET.topicName) || "Other stories";
}

export function storyView(story: DigestStory, digest: Pick<Digest, "generatedAt" | "timeZone">): StoryView {
  const title = plain(story.title, STORY_BUDGET.title) || "(untitled)";
  const excerpt = plain(story.excerpt, STORY_BUDGET.excerpt);
  return {
    title,
    href: linkHref(story.url),
    outlets: outletsLine(story),
    age: `${story.dateMissing ? "first seen " : ""}${formatAge(story.publishedAt, digest.generatedAt, digest.timeZone)}`,
    matched: matchedLine(story.matchedTerms),
    // A feed that repeats its title as its summary adds nothing.
    excerpt: excerpt === title ? "" : excerpt,
  };
}

function outletsLine(story: DigestStory): string {
  const lead = plain(story.outlet, STORY_BUDGET.outletName) || plain(story.sourceId, STORY_BUDGET.outletName) || "unknown outlet";
  const others = [...new Set(story.otherOutlets.map((name) => plain(name, STORY_BUDGET.outletName)))].filter((name) => name && name !== lead);
  if (others.length === 0) return lead;
  const shown = others.slice(0, STORY_BUDGET.otherOutletNames).join(", ");
  const rest = others.length > STORY_BUDGET.otherOutletNames ? ", …" : "";
  return `${lead} +${others.length} more ${others.length === 1 ? "source" : "sources"} (${shown}${rest})`;
}

function matchedLine(terms: readonly string[]): string {
  // `source:x` narrows where a query looks; it is never why a story is about the topic.
  const reasons = terms.filter((term) => !/^\s*source:/i.test(term));
  const shown = [...new Set(reasons.map((term) => plain(term, STORY_BUDGET.term)))].filter(Boolean);
  if (shown.length === 0) return "";
  const rest = shown.length > STORY_BUDGET.matchedTerms ? ", …" : "";
  return `matched: ${shown.slice(0, STORY_BUDGET.matchedTerms).join(", ")}${rest}`;
}
