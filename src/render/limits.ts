/**
 * Platform limits, in UTF-16 code units (`string.length`). Both platforms count characters a little more
 * generously than that, so measuring code units keeps us on the safe side for emoji and astral CJK.
 * The schemas in limit-schemas.ts check every rendered payload against these numbers.
 */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  headerText: 150,
  contextElements: 10,
  contextText: 3000,
  /** Slack truncates `text` at 40,000; the fallback is only a notification line, so we keep it short. */
  fallbackText: 3000,
} as const;

export const DISCORD_LIMITS = {
  embedsPerMessage: 10,
  /** Sum of titles, descriptions, field names and values, footer texts and author names of one message. */
  embedTotal: 6000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  content: 2000,
} as const;

/** Our own budgets inside those limits, so one hostile story cannot crowd out the rest. */
export const STORY_BUDGET = {
  title: 240,
  excerpt: 220,
  /** A link longer than this is shown as plain title text: no real article URL is this long. */
  url: 1000,
  outletName: 40,
  otherOutletNames: 3,
  matchedTerms: 4,
  term: 40,
  topicName: 100,
  beat: 80,
} as const;
