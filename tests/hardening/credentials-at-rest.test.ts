import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BriefingError } from "../../src/domain/errors.js";
import { createSecretBox, parseSecretKey } from "../../src/store/index.js";
import { writeE2eConfig } from "../fakes/e2e-config.js";
import { serveFeed, startFeedServer, type FeedServer } from "../fakes/feed-server.js";
import { runCliCaptured } from "../fakes/run-cli.js";

describe("the secret box", () => {
  const key = randomBytes(32);
  const box = createSecretBox(key);

  it("opens what it sealed, and never seals one secret the same way twice", () => {
    const sealed = [box.seal("reader:s3cretpw"), box.seal("reader:s3cretpw")];
    expect(sealed[0]).not.toBe(sealed[1]);
    expect(sealed.map((value) => box.open(value))).toEqual(["reader:s3cretpw", "reader:s3cretpw"]);
    expect(sealed.join("")).not.toContain("s3cret");
  });

  it("refuses a value sealed under another key, or altered", () => {
    const sealed = box.seal("tok-123");
    const other = createSecretBox(randomBytes(32));
    expect(() => other.open(sealed)).toThrow(/not the key it was sealed with/);
    const altered = `${sealed.slice(0, -2)}${sealed.endsWith("A") ? "B" : "A"}${sealed.slice(-1)}`;
    expect(() => box.open(altered)).toThrow(BriefingError);
  });

  it.each([
    ["64 hex digits", key.toString("hex"), true],
    ["base64", key.toString("base64"), true],
    ["too short", "abc123", false],
    ["31 bytes of hex", randomBytes(31).toString("hex"), false],
  ])("reads a key given as %s: %s", (_name, text, ok) => {
    if (ok) expect(parseSecretKey(text)?.equals(key)).toBe(true);
    else expect(() => parseSecretKey(text)).toThrow(/BRIEFING_SECRET_KEY must be 32 random bytes/);
  });
});

const feed = `<rss version="2.0"><channel><title>Wire</title><item><title>Export controls tightened</title><guid>w-1</guid></item></channel></rss>`;
let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer();
  server.route("/feed.xml", serveFeed({ body: feed, headers: { etag: '"v1"' } }));
});
afterAll(() => server.close());

/** Every byte SQLite wrote for the database, write-ahead log included. */
const fileBytes = (db: string) => [db, `${db}-wal`].filter(existsSync).map((file) => readFileSync(file).toString("latin1")).join("");

describe("feed credentials in the database", () => {
  it.each([
    ["with BRIEFING_SECRET_KEY: sealed", { BRIEFING_SECRET_KEY: randomBytes(32).toString("base64") }, true],
    ["without a key: stored masked only", {}, false],
  ])("%s, never in clear, and the feed keeps its state between polls", async (_name, env, sealed) => {
    const url = server.url("/feed.xml").replace("http://", "http://reader:s3cretpw@") + "?token=tok-123";
    const config = await writeE2eConfig(url);
    const dbFile = path.join(path.dirname(config), "briefing.db");
    expect((await runCliCaptured(["poll", "--once", "--config", config], { env })).code).toBe(0);
    expect((await runCliCaptured(["poll", "--once", "--config", config], { env, now: "2026-01-15T05:00:00.000Z" })).code).toBe(0);

    const bytes = fileBytes(dbFile);
    expect(bytes).not.toContain("s3cretpw");
    expect(bytes).not.toContain("tok-123");
    const db = new Database(dbFile, { readonly: true });
    const state = JSON.parse(db.prepare("SELECT state FROM sources WHERE source_id = 'wire'").pluck().get() as string) as Record<string, unknown>;
    db.close();
    expect(state.location).toMatch(/^http:\/\/\*\*\*@127\.0\.0\.1:\d+\/feed\.xml\?token=\*\*\*$/);
    expect("locationSealed" in state).toBe(sealed);
    // Still the same feed to the poller: its first poll and validators survive the second poll.
    expect(state).toMatchObject({ firstPolledAt: "2026-01-15T02:00:00.000Z", lastSuccessAt: "2026-01-15T05:00:00.000Z", etag: '"v1"' });
    // The basic credentials still reach the feed, taken from the config.
    expect(server.requests.at(-1)?.headers.authorization).toBe(`Basic ${Buffer.from("reader:s3cretpw").toString("base64")}`);
  });
});
