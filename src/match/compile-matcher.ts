import { BriefingError } from "../domain/errors.js";
import type { MatchableItem, TopicMatch } from "../domain/match.js";
import { AhoCorasick } from "./aho-corasick.js";
import { CandidateFilter } from "./candidate-filter.js";
import { compileQuery, type CompiledNode } from "./compiled-query.js";
import { QueryEvaluator, type Hit } from "./evaluate-query.js";
import { ItemScanner } from "./item-scanner.js";
import { LeafRegistry, LeafTable } from "./leaf-registry.js";
import { createItemInput } from "./item-input.js";
import { OccurrenceLog } from "./occurrence-log.js";
import { createQueryAliasResolver, parseWith } from "./parse-query.js";
import { QueryError } from "./query-error.js";
import { requiredSets } from "./required-terms.js";
import { BEST_FIELD_WEIGHT, byQueryOrder, recencyFactor, relevanceOf, roundScore, singleTermMatch, toTopicMatch } from "./score-match.js";
import { SymbolTable } from "./symbol-table.js";

/** A match passes when its score is at least this, unless its query sets a threshold. */
export const DEFAULT_THRESHOLD = 0;

/** Every topic and watch query to match, compiled together. */
export interface MatcherSpec {
  /** Ids are opaque (`ai-chips`, `watch:12`) and must be unique. */
  queries: ReadonlyArray<{ id: string; query: string; threshold?: number | undefined }>;
  /** Alias bodies by name (with or without `@`), usable in any query as `@name`. */
  aliases?: Record<string, string>;
  /** Score multiplier by item source id; 1 when absent. */
  sourceWeights?: Record<string, number>;
}

/** All queries compiled into one automaton; see index.ts for the language and scoring. */
export interface Matcher {
  /** Every query that matches the item, in the order the queries were given. */
  match(item: MatchableItem, now: Date): TopicMatch[];
  /** Whether a match reaches its query's threshold (DEFAULT_THRESHOLD when none was set). */
  passes(match: TopicMatch): boolean;
}

/** One distinct query text, and the ids (with their places in the spec) that use it. */
interface Unit {
  root: CompiledNode;
  ids: Array<{ id: string; index: number }>;
}

/** Throws QueryError (with `queryId`) for the first query that does not parse. */
export function compileMatcher(spec: MatcherSpec): Matcher {
  const resolver = createQueryAliasResolver(spec.aliases);
  const symbols = new SymbolTable();
  const registry = new LeafRegistry(symbols);
  const units: Unit[] = [];
  const alternatives: number[][][] = [];
  const unitOfQuery = new Map<string, number>();
  const thresholds = new Map<string, number>();

  spec.queries.forEach(({ id, query, threshold }, index) => {
    if (thresholds.has(id)) throw new BriefingError("query", `two queries have the id "${id}"`);
    thresholds.set(id, typeof threshold === "number" && Number.isFinite(threshold) ? threshold : DEFAULT_THRESHOLD);
    let unit = unitOfQuery.get(query);
    if (unit === undefined) {
      let ast;
      try {
        ast = parseWith(query, resolver);
      } catch (error) {
        throw error instanceof QueryError ? error.withQueryId(id) : error;
      }
      unit = units.length;
      units.push({ root: compileQuery(ast, (term) => registry.leafOf(term)), ids: [] });
      alternatives.push(requiredSets(ast, (term) => registry.leaves[registry.leafOf(term)]!.pattern));
      unitOfQuery.set(query, unit);
    }
    units[unit]!.ids.push({ id, index });
  });

  const patternCount = registry.patterns.length;
  const scanner = new ItemScanner(symbols, new AhoCorasick(registry.patterns, symbols.count));
  const log = new OccurrenceLog(patternCount);
  const filter = new CandidateFilter(alternatives, patternCount);
  const leaves = new LeafTable(registry.leaves);
  const input = createItemInput(leaves, log, scanner);
  const evaluator = new QueryEvaluator(input);
  const sink = (pattern: number, first: number, last: number, field: number): void => {
    if (log.add(pattern, first, last, field)) filter.onPattern(pattern);
  };

  // Flat per-unit arrays, and a shortcut for the commonest watch: one term or phrase.
  const roots = units.map((unit) => unit.root);
  const singleLeaf = Int32Array.from(roots, (root) => (root.k === "leaf" ? root.leaf : -1));
  const singleTerm = roots.map((root) => (root.k === "leaf" ? root.hits[0].display : ""));
  const firstIds = units.map((unit) => unit.ids[0]!.id);
  const sharedUnits = units.some((unit) => unit.ids.length > 1);
  const placeOf = new Map(units.flatMap((unit) => unit.ids.map(({ id, index }) => [id, index] as const)));
  const hits: Hit[] = [];

  const matchUnit = (unit: number, factor: number): TopicMatch[] | TopicMatch | null => {
    const leaf = singleLeaf[unit]!;
    if (leaf >= 0) {
      const bits = input.fieldsOf(leaf);
      if (bits === 0) return null;
      const score = roundScore(BEST_FIELD_WEIGHT[bits]! * factor);
      if (!sharedUnits) return singleTermMatch(firstIds[unit]!, singleTerm[unit]!, bits, score);
      return units[unit]!.ids.map(({ id }) => singleTermMatch(id, singleTerm[unit]!, bits, score));
    }
    hits.length = 0;
    if (!evaluator.evaluate(roots[unit]!, hits)) return null;
    if (hits.length > 1) hits.sort(byQueryOrder);
    const score = roundScore(relevanceOf(hits) * factor);
    if (!sharedUnits) return toTopicMatch(firstIds[unit]!, hits, score);
    return units[unit]!.ids.map(({ id }) => toTopicMatch(id, hits, score));
  };

  return {
    match(item, now) {
      input.startItem(item.sourceId ?? "");
      log.reset();
      filter.reset();
      scanner.scan(item.title ?? "", item.summary ?? "", item.content ?? "", sink);
      const weight = Math.max(0, spec.sourceWeights?.[item.sourceId] ?? 1);
      let factor = -1;
      const matches: TopicMatch[] = [];
      for (const unit of filter.candidates()) {
        // Recency is read only for items that match something.
        if (factor < 0) factor = weight * recencyFactor(item.publishedAt ?? "", now);
        const found = matchUnit(unit, factor);
        if (found === null) continue;
        if (Array.isArray(found)) matches.push(...found);
        else matches.push(found);
      }
      if (!sharedUnits || matches.length < 2) return matches;
      // Units are in order of first use; ids sharing a query text go back to their own places.
      return matches.sort((a, b) => placeOf.get(a.topicId)! - placeOf.get(b.topicId)!);
    },
    passes(match) {
      return match.score >= (thresholds.get(match.topicId) ?? DEFAULT_THRESHOLD);
    },
  };
}
