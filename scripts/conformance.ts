/**
 * Runs ingestion over a folder of feed files: how many parsed, failed cleanly, timed out or
 * crashed, and (with an `expectations.json` in the feedparser corpus format) how many field
 * expectations held, by field. Usage: npm run conformance -- <folder>
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import type { ParsedFeed } from "../src/domain/item.js";
import { createParsePool } from "../src/ingest/parse-pool.js";
import { FetchError } from "../src/ingest/fetch-error.js";
import { CORE, checkExpectation, type Expectation, type Verdict } from "./conformance-expectations.js";

const folder = process.argv[2];
if (!folder) {
  console.error("usage: npm run conformance -- <folder of feeds>");
  process.exit(2);
}

type Outcome = "parsed" | "failed cleanly" | "timed out" | "crashed";
const expectations: Expectation[] = tryJson(join(folder, "expectations.json")) ?? [];
const byFile = new Map<string, Expectation[]>();
for (const e of expectations) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);

const files = walk(folder).filter((file) => /\.(xml|rss|atom|rdf|json)$/i.test(file) && !/(expectations|dates)\.json$/.test(file));
const pool = createParsePool({ size: 2, deadlineMs: 10_000 });
const outcomes = new Map<Outcome, number>();
const crashes: string[] = [];
const results = new Map<string, ParsedFeed | null>();
const started = performance.now();

await Promise.all(
  files.map(async (path) => {
    const file = relative(folder, path);
    const headers = byFile.get(file)?.[0]?.http_headers ?? null;
    const header = (name: string) => Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name)?.[1] ?? null;
    const contentType = header("content-type");
    // As the HTTP fetcher does: Content-Location, when sent, is the base for relative links.
    const docUrl = resolveBase(header("content-location"), byFile.get(file)?.[0]?.doc_url ?? null);
    let outcome: Outcome;
    try {
      const feed = await pool.parse({ bytes: readFileSync(path), contentType, baseUrl: docUrl, sourceId: "conformance", now: "2026-01-01T00:00:00.000Z" });
      results.set(file, feed);
      outcome = "parsed";
    } catch (error) {
      results.set(file, null);
      const internal = error instanceof FetchError && error.cause instanceof Error;
      outcome = !(error instanceof FetchError) || internal ? "crashed" : error.message.includes("took too long") ? "timed out" : "failed cleanly";
      if (outcome === "crashed" || outcome === "timed out") crashes.push(`${file}: ${error instanceof Error ? (error.cause as Error | undefined)?.message ?? error.message : String(error)}`);
    }
    outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
  }),
);
await pool.close();
const seconds = (performance.now() - started) / 1000;

console.log(`\nConformance over ${folder}: ${files.length} files in ${seconds.toFixed(1)} s`);
console.table(Object.fromEntries((["parsed", "failed cleanly", "timed out", "crashed"] as Outcome[]).map((o) => [o, { files: outcomes.get(o) ?? 0 }])));
// Feeds that strict XML refused and the forgiving parse read: counted in "parsed" above.
const recovered = [...results].filter(([, feed]) => feed?.recovered);
console.log(`recovered (not well-formed, read by the forgiving parse; included in "parsed"): ${recovered.length} files, ${recovered.reduce((sum, [, feed]) => sum + feed!.items.length, 0)} items`);
if (process.argv.includes("--recovered")) console.log(recovered.map(([file, feed]) => `  ${file}: ${feed!.recovered}`).join("\n"));
if (crashes.length > 0) console.log(`crashed or timed out:\n  ${crashes.slice(0, 20).join("\n  ")}`);

if (expectations.length > 0) {
  const tally = new Map<string, Record<Verdict, number>>();
  const count = (key: string, verdict: Verdict) => {
    const row = tally.get(key) ?? { held: 0, failed: 0, "n/a": 0 };
    row[verdict]++;
    tally.set(key, row);
  };
  // `--failures` lists failed core expectations; `--failures=content` those of one field.
  const listing = process.argv.find((arg) => arg.startsWith("--failures"));
  const listed = listing?.includes("=") ? new Set([listing.split("=")[1]!]) : CORE;
  const failures: string[] = [];
  for (const e of expectations) {
    const feed = results.get(e.file);
    const verdict = feed === undefined ? "n/a" : checkExpectation(e, feed ?? null);
    const scope = e.group.startsWith("wellformed") ? "wellformed" : e.group.split("/")[0]!;
    count(`${scope} ${e.field}`, verdict);
    if (verdict === "failed" && listed.has(e.field)) failures.push(`${e.file}: ${e.expr}`);
  }
  const rows = [...tally.entries()].sort(([a], [b]) => a.localeCompare(b));
  console.log("\nExpectations by field (held / checked; n/a = a feedparser field with no counterpart here)");
  console.table(Object.fromEntries(rows.map(([key, row]) => [key, { ...row, "held %": percent(row.held, row.held + row.failed) }])));
  const core = rows.filter(([key]) => key.startsWith("wellformed ") && CORE.has(key.split(" ")[1]!));
  const held = core.reduce((sum, [, row]) => sum + row.held, 0);
  const checked = core.reduce((sum, [, row]) => sum + row.held + row.failed, 0);
  console.log(`\nwellformed/ feed title, entry title, link, guid and date: ${held}/${checked} held (${percent(held, checked)})`);
  if (listing) console.log(failures.join("\n"));
}
console.log(`\nwellformed/sanitize/ outputs with markup left in them: ${sanitizeLeaks().join(", ") || "none"}`);

function sanitizeLeaks(): string[] {
  const leaks: string[] = [];
  for (const [file, feed] of results) {
    if (!file.startsWith("wellformed/sanitize/") || !feed) continue;
    const texts = [feed.feed.title, feed.feed.description, ...feed.items.flatMap((i) => [i.title, i.summary, i.content, i.author])];
    if (texts.some((text) => text && /<\/?[a-z][a-z0-9]*[\s/>]|<!--|javascript:/i.test(text))) leaks.push(file);
  }
  return leaks;
}

function resolveBase(location: string | null, docUrl: string | null): string | null {
  if (!location) return docUrl;
  try {
    return new URL(location, docUrl ?? undefined).href;
  } catch {
    return docUrl;
  }
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

function tryJson<T>(path: string): T | null {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as T;
  } catch {
    return null;
  }
}

function percent(part: number, whole: number): string {
  return whole === 0 ? "-" : `${((100 * part) / whole).toFixed(1)}%`;
}
