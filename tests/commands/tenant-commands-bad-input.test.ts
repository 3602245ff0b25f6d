import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { BriefCommand, CommandHandler, Invoker, Reply } from "../../src/commands/index.js";
import { parseCommandText } from "../../src/commands/index.js";
import { loadConfig } from "../../src/config/load-config.js";
import { createManualClock } from "../../src/domain/clock.js";
import { createApp, type BriefingApp } from "../../src/runtime/app.js";
import { createBriefCommandHandler } from "../../src/runtime/command-services.js";
import { createLogger } from "../../src/runtime/logger.js";
import { writeE2eConfig } from "../fakes/e2e-config.js";
import { serveFeed, startFeedServer, status, type FeedServer } from "../fakes/feed-server.js";
import { rssFeed } from "../fakes/feed-xml.js";

/**
 * Every tenant command's bad input gets one clear ephemeral answer and changes nothing: no tenant,
 * feed, topic, digest or audit row is written.
 */
let feeds: FeedServer;
let app: BriefingApp;
let guarded: BriefingApp;
let handler: CommandHandler;
let guardedHandler: CommandHandler;
const clock = createManualClock("2026-01-15T02:00:00.000Z");

const admin: Invoker = { platform: "slack", workspaceId: "T0NEW", channelId: "C0NEW", userId: "U0ADMIN", isPlatformAdmin: true };
const member: Invoker = { ...admin, userId: "U0MEMBER", isPlatformAdmin: false };
const discordMember: Invoker = { platform: "discord", workspaceId: "1300000000000000001", channelId: "1300000000000000002", userId: "1300000000000000003", isPlatformAdmin: false };

async function open(allowPrivate: boolean, extra = ""): Promise<BriefingApp> {
  const file = await writeE2eConfig(feeds.url("/feed.xml"), extra);
  const loaded = await loadConfig(file);
  const config = { ...loaded.config, poll: { ...loaded.config.poll, allow_private_networks: allowPrivate } };
  return createApp({ loaded: { ...loaded, config }, clock, log: createLogger({ level: "silent", secrets: [], pretty: false }), senderFor: () => ({ send: async () => ({ platformMessageId: "m" }) }), databaseFile: ":memory:" });
}

async function written(target: BriefingApp) {
  const store = target.store;
  return {
    tenants: await store.listTenants(),
    feeds: await store.tenantFeeds(null),
    topics: await store.tenantTopics(null),
    digests: await store.channelDigests(null),
    aliases: await store.tenantAliases(null),
    audit: await store.auditLog(null, 100),
  };
}

const text = (reply: Reply) => (reply.kind === "text" ? `${reply.text}${reply.code ? `\n${reply.code}` : ""}` : "");

beforeAll(async () => {
  feeds = await startFeedServer();
  feeds.route("/feed.xml", serveFeed({ body: rssFeed("Wire", [{ guid: "1", title: "A story", link: "https://example.org/1", pubDate: "Thu, 15 Jan 2026 01:00:00 GMT" }]) }));
  feeds.route("/page.html", serveFeed({ body: "<!doctype html><html><head><title>No feed here</title></head><body>Just a page</body></html>", contentType: "text/html" }));
  feeds.route("/gone.xml", status(404));
  app = await open(true, "tenants: { max_feeds: 1 }\n");
  guarded = await open(false);
  handler = createBriefCommandHandler(app, app.config);
  guardedHandler = createBriefCommandHandler(guarded, guarded.config);
});

afterAll(async () => {
  await app.close();
  await guarded.close();
  await feeds.close();
});

describe("tenant commands refuse bad input clearly and change nothing", () => {
  beforeEach(async () => {
    expect(await written(app)).toEqual({ tenants: [], feeds: [], topics: [], digests: [], aliases: [], audit: [] });
  });

  const cases: Array<[string, () => CommandHandler, Invoker, BriefCommand, RegExp]> = [
    ["an unreachable URL", () => handler, admin, { name: "feeds-add", url: "http://127.0.0.1:9/feed.xml" }, /No feed added: .*127\.0\.0\.1:9/],
    ["a URL that answers 404", () => handler, admin, { name: "feeds-add", url: "" }, /No feed added: .*404/],
    ["a page with no feed", () => handler, admin, { name: "feeds-add", url: "" }, /No feed added: .*(not a feed|no feed|web page)/i],
    ["a private address", () => guardedHandler, admin, { name: "feeds-add", url: "http://10.1.2.3/feed.xml" }, /No feed added: .*(private|not allowed|blocked)/i],
    ["a URL that is not http", () => handler, admin, { name: "feeds-add", url: "ftp://example.org/feed.xml" }, /No feed added/],
    ["a topic query that does not parse", () => handler, admin, { name: "topics-add", topicId: "chips", query: "(H200 AND", displayName: null }, /expected[\s\S]*\(H200 AND\n\s*\^/],
    ["a topics test query that does not parse", () => handler, member, { name: "topics-test", query: "NEAR/5 chips" }, /.+\n.*NEAR\/5 chips\n\s*\^/],
    ["a schedule that is not cron", () => handler, admin, { name: "digest-here", schedule: "every morning", topics: [], timeZone: null }, /No digest set: "every morning" is not a cron expression/],
    ["a six-field schedule", () => handler, admin, { name: "digest-here", schedule: "0 0 9 * * *", topics: [], timeZone: null }, /has 6 fields/],
    ["a time zone that does not exist", () => handler, admin, { name: "digest-here", schedule: "0 9 * * *", topics: [], timeZone: "Mars/Olympus" }, /No digest set: "Mars\/Olympus" is not an IANA time zone/],
    ["a digest of a topic the workspace lacks", () => handler, admin, { name: "digest-here", schedule: "0 9 * * *", topics: ["nope"], timeZone: null }, /no topic nope/],
    ["a member adding a feed", () => handler, member, { name: "feeds-add", url: "" }, /Only workspace admins .* add feeds\. Nothing was changed/],
    ["a member adding a topic", () => handler, member, { name: "topics-add", topicId: "chips", query: "H200", displayName: null }, /Only workspace admins/],
    ["a member removing a topic", () => handler, member, { name: "topics-remove", topicId: "chips" }, /Only workspace admins/],
    ["a member removing a feed", () => handler, member, { name: "feeds-remove", feedId: "wire" }, /Only workspace admins/],
    ["a member setting a digest", () => handler, member, { name: "digest-here", schedule: "0 9 * * *", topics: [], timeZone: null }, /Only workspace admins/],
    ["a member stopping a digest", () => handler, member, { name: "digest-off" }, /Only workspace admins/],
    ["a member reading the audit", () => handler, member, { name: "audit" }, /Only workspace admins .* can read the audit log\.$/],
    ["a Discord member without Manage Server", () => handler, discordMember, { name: "feeds-add", url: "" }, /Only workspace admins/],
    ["an alias query that does not parse", () => handler, admin, { name: "aliases-add", alias: "chips", query: "(H200 AND" }, /expected[\s\S]*\(H200 AND\n\s*\^/],
    ["an alias that leads back to itself", () => handler, admin, { name: "aliases-add", alias: "chips", query: "H200 OR @chips" }, /refers to itself/],
    ["an alias naming an unknown alias", () => handler, admin, { name: "aliases-add", alias: "chips", query: "@nope" }, /unknown alias "@nope"/],
    ["a member adding an alias", () => handler, member, { name: "aliases-add", alias: "chips", query: "H200" }, /Only workspace admins .* add aliases/],
    ["a member removing an alias", () => handler, member, { name: "aliases-remove", alias: "chips" }, /Only workspace admins .* remove aliases/],
    ["removing an alias the workspace lacks", () => handler, admin, { name: "aliases-remove", alias: "chips" }, /has no alias @chips/],
    ["removing a feed the workspace lacks", () => handler, admin, { name: "feeds-remove", feedId: "feed-0000000000" }, /has no feed feed-0000000000/],
  ];

  it.each(cases)("%s", async (name, which, invoker, command, expected) => {
    const url = { "a URL that answers 404": "/gone.xml", "a page with no feed": "/page.html", "a member adding a feed": "/feed.xml", "a Discord member without Manage Server": "/feed.xml" }[name];
    const resolved = command.name === "feeds-add" && url ? { ...command, url: feeds.url(url) } : command;
    const reply = await which().handle(resolved, invoker);
    expect(reply.visibility).toBe("ephemeral");
    expect(text(reply)).toMatch(expected);
    expect(await written(app)).toEqual({ tenants: [], feeds: [], topics: [], digests: [], aliases: [], audit: [] });
    expect(await written(guarded)).toEqual({ tenants: [], feeds: [], topics: [], digests: [], aliases: [], audit: [] });
  });

  it("refuses a feed once the workspace has its quota, and keeps what it had", async () => {
    expect(text(await handler.handle({ name: "feeds-add", url: feeds.url("/feed.xml?one") }, admin))).toMatch(/Added Wire/);
    const before = await written(app);
    expect(before.feeds).toHaveLength(1);
    const requests = feeds.requests.length;
    const reply = await handler.handle({ name: "feeds-add", url: feeds.url("/feed.xml?two") }, admin);
    expect(reply.visibility).toBe("ephemeral");
    expect(text(reply)).toMatch(/No feed added: this workspace has 1 feeds, the most it may have \(1\)/);
    // The quota is checked before anything is fetched.
    expect(feeds.requests.length).toBe(requests);
    expect(await written(app)).toEqual(before);
    // The other cases expect an empty store: start them on a fresh one.
    await app.close();
    app = await open(true, "tenants: { max_feeds: 1 }\n");
    handler = createBriefCommandHandler(app, app.config);
  });
});

describe("the typed grammar refuses malformed tenant commands with their usage line", () => {
  it.each([
    ["feeds add", /Usage: \/brief feeds add/],
    ["feeds add two words", /Usage: \/brief feeds add/],
    ["feeds remove Not/An/Id", /Usage: \/brief feeds remove/],
    ["topics add chips", /Usage: \/brief topics add/],
    ["topics add Bad_Id chips", /cannot be a topic id/],
    ['topics add chips H200 name:"<!channel> alert"', /cannot be a topic name: .*Nothing was changed/],
    ['topics add chips H200 name:""', /cannot be a topic name/],
    [`topics add chips H200 name:"${"x".repeat(61)}"`, /cannot be a topic name/],
    ['topics add chips name:"AI chips"', /Usage: \/brief topics add/],
    ["topics test", /Usage: \/brief topics test/],
    ["aliases add chips", /Usage: \/brief aliases add/],
    ["aliases add Chips! H200", /"Chips!" cannot be an alias name: .*Nothing was changed/],
    ["aliases add 9lives cats", /cannot be an alias name/],
    ["aliases remove", /Usage: \/brief aliases remove/],
    ["aliases remove two words", /Usage: \/brief aliases remove/],
    ["aliases explode", /Usage: \/brief aliases add/],
    ["digest here", /five cron fields/],
    ["digest here 0 9 * *", /five cron fields/],
    ["digest here 0 9 * * * Not_A_Topic", /is not a topic id/],
    ["digest here 0 9 * * * tz:Europe/Berlin tz:Asia/Tokyo", /one tz: at most/],
    ["digest off now", /Usage: \/brief digest off/],
    ["audit everything", /Usage: \/brief audit/],
    ["feeds explode", /Usage: \/brief feeds/],
  ])("%s", (typed, expected) => {
    expect(() => parseCommandText(typed)).toThrow(expected);
  });

  it.each([
    ["feeds add <https://example.org/news|example.org/news>", { name: "feeds-add", url: "https://example.org/news" }],
    ['topics add chips "export controls" AND chips', { name: "topics-add", topicId: "chips", query: '"export controls" AND chips', displayName: null }],
    ['topics add chips H200 OR B30A name:"AI  chips"', { name: "topics-add", topicId: "chips", query: "H200 OR B30A", displayName: "AI chips" }],
    ["topics add chips H200 name:Chips", { name: "topics-add", topicId: "chips", query: "H200", displayName: "Chips" }],
    ["topics test H200 NEAR/5 China", { name: "topics-test", query: "H200 NEAR/5 China" }],
    ["digest here 0 9 * * 1-5 chips solar tz:Europe/Berlin", { name: "digest-here", schedule: "0 9 * * 1-5", topics: ["chips", "solar"], timeZone: "Europe/Berlin" }],
    ['digest here "30 7 * * *"', { name: "digest-here", schedule: "30 7 * * *", topics: [], timeZone: null }],
    ["digest off", { name: "digest-off" }],
    ["feeds remove feed-0a1b2c3d4e", { name: "feeds-remove", feedId: "feed-0a1b2c3d4e" }],
    ["audit", { name: "audit" }],
    ['aliases add @chips H200 OR "AI chips"', { name: "aliases-add", alias: "chips", query: 'H200 OR "AI chips"' }],
    ["aliases remove chips", { name: "aliases-remove", alias: "chips" }],
  ])("reads %s", (typed, command) => {
    expect(parseCommandText(typed)).toEqual(command);
  });
});
