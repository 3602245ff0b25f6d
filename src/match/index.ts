/**
 * The query language of topics, watches and search, and the matcher that runs them.
 *
 * Language (operators in capitals; anything else is a term):
 * - `export` a term; `"export controls"` a phrase (its words adjacent, in order). A term that the
 *   word splitter cuts in several words (`H-200`, `网信办`) is matched like a phrase.
 * - `a b` and `a AND b`: both; `a OR b` and `a | b`: either; `NOT a` and `-a`: see below.
 *   Precedence, tightest first: NOT/-, NEAR, AND, OR; parentheses group.
 * - `a NEAR/n b`: an occurrence of each in the same field with at most n words between them,
 *   in either order (`NEAR` alone is NEAR/10). Sides may be terms, phrases, ORs of them or NEARs.
 *   A CJK character and each half of `H200` count as one word.
 * - `title:x`, `title:"…"`, `title:(…)`: only in the title. `source:bis-rules`: the item comes
 *   from that source (ignoring case).
 * - `@name`: the alias body from the config, itself in this language (`|` reads as OR).
 * - A query must require something: `-x` alone or `a OR -b` are errors, not match-everything.
 *
 * Matching: text goes through `normaliseForMatch` (NFKC, invisible characters removed) and is
 * split into words: runs of letters, runs of digits, single CJK characters. Latin terms match
 * whole words, ignoring case, with simple plurals both ways (control/controls, policy/policies);
 * all-capital terms of at most five letters and digits (CAC, BIS, H200) must match that case
 * (a plural `s` may follow). Letters and digits split words, so H200, H-200, H 200 and Ｈ２００
 * match each other, while CAC matches neither "cache" nor "CAC40". CJK terms match anywhere.
 *
 * NOT works per occurrence next to a term it contains: `CAC -"CAC 40"` ignores the CAC inside
 * "CAC 40" but still matches another CAC in the same item; details in evaluate-query.ts.
 *
 * Explanations: `TopicMatch.terms` lists the terms that made the match, as written in the query
 * (phrases without quotes, `source:x` for a source), in query order; `fields` says where each was
 * found. Score (details in score-match.ts): Σ best field weight per distinct term (title 3, summary
 * 2, content 1) × source weight × recency (1 for new items, 0.75 after a day, never below 0.5).
 * `match` lists every query that matches, whatever its score; `passes` applies the query's
 * threshold, DEFAULT_THRESHOLD (0: every match passes) unless the query sets one.
 */
export { compileMatcher, DEFAULT_THRESHOLD, type Matcher, type MatcherSpec } from "./compile-matcher.js";
export { compileGroupedMatcher, type QueryGroup } from "./compile-grouped-matcher.js";
export { parseQuery } from "./parse-query.js";
export { ftsTermsOf } from "./required-terms.js";
export { normaliseForMatch } from "./normalise-for-match.js";
export { QueryError, type QueryErrorContext } from "./query-error.js";
export { recencyFactor } from "./score-match.js";
export type * from "./query-ast.js";
