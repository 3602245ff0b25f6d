/**
 * npm run bench:search [-- --items 1000000 --store sqlite|postgres]   (a bare number is --items too)
 * Fills a fresh archive with synthetic English and Chinese items, then times searches of one to
 * three terms with filters through the same service `/brief search` uses. Prints a table.
 * `--store postgres` uses the server at DATABASE_URL, in a schema of its own that is dropped after.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { parseConfigText } from "../src/config/load-config.js";
import { createManualClock } from "../src/domain/clock.js";
import { createSearchService, type SearchIndex } from "../src/search/index.js";
import {
  createPgPoolClient,
  createPostgresSearchIndex,
  createPostgresStore,
  createSqliteStore,
  migratePostgres,
  openDatabase,
  pgMigrations,
  type ItemToStore,
  type Store,
} from "../src/store/index.js";
import { createSqliteSearchIndex } from "../src/store/sqlite/sqlite-search-index.js";
import { compileSearchQuery } from "../src/runtime/search-query.js";

const { values: args, positionals } = parseArgs({ options: { items: { type: "string" }, store: { type: "string", default: "sqlite" } }, allowPositionals: true });
const total = Number(args.items ?? positionals[0] ?? 1_000_000);
if (!Number.isInteger(total) || total <= 0) throw new Error(`--items must be a positive whole number, not "${args.items ?? positionals[0]}"`);
if (args.store !== "sqlite" && args.store !== "postgres") throw new Error(`--store must be sqlite or postgres, not "${args.store}"`);

/** The archive under test: a store to fill, its search index, its size on disk, and how to clean up. */
interface Archive {
  store: Store;
  index: SearchIndex;
  sizeMb(): Promise<number>;
  dispose(): Promise<void>;
}

async function sqliteArchive(): Promise<Archive> {
  const folder = mkdtempSync(path.join(tmpdir(), "bench-search-"));
  const file = path.join(folder, "bench.db");
  const db = openDatabase(file);
  return {
    store: createSqliteStore(db),
    index: createSqliteSearchIndex(db),
    async sizeMb() {
      db.pragma("wal_checkpoint(TRUNCATE)");
      return statSync(file).size / 1024 / 1024;
    },
    async dispose() {
      if (db.open) db.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

async function postgresArchive(): Promise<Archive> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("--store postgres needs DATABASE_URL (postgres://…) to be set");
  const schema = `bench_search_${randomBytes(4).toString("hex")}`;
  const admin = createPgPoolClient(url, { max: 1 });
  await admin.exec(`CREATE SCHEMA ${schema}`);
  const client = createPgPoolClient(url, { schema });
  await migratePostgres(client, pgMigrations);
  return {
    store: createPostgresStore(client),
    index: createPostgresSearchIndex(client),
    async sizeMb() {
      await client.exec("VACUUM ANALYZE items");
      const [row] = await admin.query<{ bytes: number }>(
        "SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0)::float8 AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r'",
        [schema],
      );
      return (row?.bytes ?? 0) / 1024 / 1024;
    },
    async dispose() {
      await client.close();
      await admin.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.close();
    },
  };
}

const archive = args.store === "postgres" ? await postgresArchive() : await sqliteArchive();
const { store } = archive;
const clock = createManualClock("2026-11-20T00:00:00.000Z");
const { config } = parseConfigText(
  "sources: [{ id: s, path: x }]\ntopics: [{ id: t, name: T, query: H200 }]\naliases: { cac: 'CAC | \"Cyberspace Administration of China\" | 网信办' }\n",
  "bench.yaml",
);

const english = ["chips", "export", "controls", "regulation", "market", "model", "training", "data", "security", "review", "cloud", "server", "policy", "ministry", "commerce", "licence", "shipment", "quarter", "investor", "startup", "energy", "battery", "vehicle", "phone", "network"];
const rare = ["H200", "CAC", "Nvidia", "BIS", "H20", "Huawei", "Ascend", "SMIC"];
const chinese = ["网信办", "出口管制", "人工智能", "芯片", "监管", "算法", "数据安全", "大模型", "半导体", "商务部"];
let seed = 42;
const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;

function makeItem(n: number): ItemToStore {
  const zh = n % 5 === 0;
  const words = Array.from({ length: 60 }, () => (random() < 0.02 ? pick(rare) : zh ? pick(chinese) : pick(english)));
  const title = words.slice(0, 9).join(zh ? "" : " ");
  return {
    id: `i${n}`,
    sourceId: `s${n % 50}`,
    guid: `i${n}`,
    link: `https://example.org/${n}`,
    url: `https://example.org/${n}`,
    title,
    summary: words.slice(9).join(zh ? "" : " "),
    content: "",
    author: null,
    language: zh ? "zh" : "en",
    publishedAt: new Date(Date.parse("2026-11-20T00:00:00Z") - (total - n) * 30_000).toISOString(),
    dateMissing: false,
    matches: [],
    passedTopicIds: [],
    clusterId: `c${n}`,
  };
}

const insertStart = performance.now();
for (let start = 0; start < total; start += 5_000) {
  const batch = Array.from({ length: Math.min(5_000, total - start) }, (_, i) => makeItem(start + i));
  await store.saveItems(batch, "2026-11-20T00:00:00.000Z");
}
const insertSeconds = (performance.now() - insertStart) / 1000;
const sizeMb = await archive.sizeMb();

const service = createSearchService({
  index: archive.index,
  compile: (query) => compileSearchQuery(query, config),
  clock,
  beat: "bench",
  timeZone: "UTC",
  outletOf: (id) => id,
  candidateLimit: 300,
});

const shapes: Array<[string, string]> = [
  ["rare term", "H200"],
  ["acronym", "CAC"],
  ["two terms", "H200 chips"],
  ["phrase", '"export controls"'],
  ["three terms + since", "Nvidia export licence since:7d"],
  ["common term", "market"],
  ["common + topic filter", "market since:30d"],
  ["Chinese term", "出口管制"],
  ["Chinese two-char", "芯片"],
  ["alias", "@cac"],
];
const { index } = archive;
const rows: string[][] = [];
for (const [shape, query] of shapes) {
  const times: number[] = [];
  const indexTimes: number[] = [];
  let found = 0;
  const alternatives = compileSearchQuery(query.replace(/since:\S+/, ""), config).alternatives;
  for (let run = 0; run < 20; run += 1) {
    const t = performance.now();
    found = (await service.search({ text: query, limit: 8 })).storyCount;
    times.push(performance.now() - t);
    const u = performance.now();
    await index.candidates({ alternatives, since: null, before: null, topicIds: [], limit: 300 });
    indexTimes.push(performance.now() - u);
  }
  times.sort((a, b) => a - b);
  indexTimes.sort((a, b) => a - b);
  rows.push([shape, query, String(found), times[9]!.toFixed(1), times[18]!.toFixed(1), indexTimes[18]!.toFixed(1)]);
}

console.log(`store: ${args.store}  items: ${total.toLocaleString("en")}  insert: ${(total / insertSeconds).toFixed(0)} items/s (${insertSeconds.toFixed(1)} s)  database: ${sizeMb.toFixed(0)} MB`);
console.table(rows.map(([shape, query, found, p50, p95, index95]) => ({ shape, query, found, "p50 ms": p50, "p95 ms": p95, "FTS candidates p95 ms": index95 })));
await archive.dispose();
