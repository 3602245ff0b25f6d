/** What choosing a lead reads from an item; StoredItem and FeedItem & { key } both fit. */
export interface LeadCandidate {
  key: string;
  sourceId: string;
  url: string | null;
  summary: string;
  content: string;
  publishedAt: string;
  dateMissing: boolean;
}

export interface LeadOptions {
  /** Configured source weights (`sources[].weight`); a source not listed weighs 1. */
  sourceWeights?: Readonly<Record<string, number>>;
}

/**
 * The item to show for a story, and the others best first. Order, and why:
 * 1. Highest source weight: the team's own statement of which outlets it trusts (the regulator's
 *    feed over a rewrite of it); it is the only authority signal we have.
 * 2. Most complete: a link, a real date, a summary worth reading and a body make an entry a
 *    reader can act on; counted as 0 to 4 so that small length differences do not decide.
 * 3. Earliest: credits the outlet that broke the story and keeps the lead stable while later
 *    reports arrive, so a digest and an alert thread name the same lead.
 * 4. Key, so the choice never depends on input order.
 */
export function pickLead<T extends LeadCandidate>(items: readonly T[], options: LeadOptions = {}): { lead: T; others: T[] } {
  const weights = options.sourceWeights ?? {};
  const ranked = items
    .map((item) => ({ item, weight: weights[item.sourceId] ?? 1, complete: completeness(item), at: timeOf(item) }))
    .sort(
      (a, b) =>
        b.weight - a.weight ||
        b.complete - a.complete ||
        a.at - b.at ||
        (a.item.key < b.item.key ? -1 : a.item.key > b.item.key ? 1 : 0),
    )
    .map(({ item }) => item);
  const [lead, ...others] = ranked;
  if (lead === undefined) throw new RangeError("pickLead needs at least one item");
  return { lead, others };
}

function completeness(item: LeadCandidate): number {
  return (
    (item.url ? 1 : 0) +
    (item.dateMissing ? 0 : 1) +
    (item.summary.trim().length >= 80 ? 1 : 0) +
    (item.content.trim().length >= 200 ? 1 : 0)
  );
}

/** Unparseable dates sort last rather than poisoning the comparison with NaN. */
function timeOf(item: LeadCandidate): number {
  const ms = Date.parse(item.publishedAt);
  return Number.isNaN(ms) ? Number.POSITIVE_INFINITY : ms;
}
