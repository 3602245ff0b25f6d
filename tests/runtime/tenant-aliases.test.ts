import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CommandHandler, Invoker, Reply } from "../../src/commands/index.js";
import { loadConfig } from "../../src/config/load-config.js";
import { createManualClock } from "../../src/domain/clock.js";
import { createApp, type BriefingApp } from "../../src/runtime/app.js";
import { createBriefCommandHandler } from "../../src/runtime/command-services.js";
import { createLogger } from "../../src/runtime/logger.js";
import { writeE2eConfig } from "../fakes/e2e-config.js";
import { serveFeed, startFeedServer, type FeedServer } from "../fakes/feed-server.js";
import { rssFeed } from "../fakes/feed-xml.js";

/** Two Discord servers with their own tenants; only the first defines `@sun`. The YAML `@yaml` is the default tenant's. */
const server = (n: 1 | 2, admin = true): Invoker => ({
  platform: "discord",
  workspaceId: `130000000000000${n}000`,
  channelId: `130000000000000${n}001`,
  userId: `130000000000000${n}00${admin ? 2 : 3}`,
  isPlatformAdmin: admin,
});
const operator: Invoker = { platform: "console", workspaceId: null, channelId: "console", userId: "operator", isPlatformAdmin: true };
const text = (reply: Reply) => (reply.kind === "text" ? `${reply.text}${reply.code ? `\n${reply.code}` : ""}` : "");
const titles = (reply: Reply) => (reply.kind === "stories" ? reply.digest.sections.flatMap((s) => s.stories.map((story) => story.title)) : text(reply));
const at = "Thu, 15 Jan 2026 01:00:00 GMT";
const clock = createManualClock("2026-01-15T02:00:00.000Z");
let feeds: FeedServer;
let app: BriefingApp;
let handler: CommandHandler;
const run = (command: Parameters<CommandHandler["handle"]>[0], invoker: Invoker) => handler.handle(command, invoker);

beforeAll(async () => {
  feeds = await startFeedServer();
  feeds.route("/wire.xml", serveFeed({ body: rssFeed("Wire", []) }));
  feeds.route("/chat.xml", serveFeed({
    body: rssFeed("Chat Feed", [
      { guid: "s1", title: "Solar subsidies cut in Jiangsu", link: "https://example.org/s1", pubDate: at },
      { guid: "l1", title: "Lithium prices slide", link: "https://example.org/l1", pubDate: at },
    ]),
  }));
  const loaded = await loadConfig(await writeE2eConfig(feeds.url("/wire.xml"), "aliases:\n  yaml: lithium\n"));
  app = createApp({ loaded, clock, log: createLogger({ level: "silent", secrets: [], pretty: false }), senderFor: () => null });
  handler = createBriefCommandHandler(app, app.config);
}, 30_000);
afterAll(async () => {
  await app.close();
  await feeds.close();
});

describe("aliases made in chat", () => {
  it("serve their own tenant's topics, watches and searches, and no other tenant's", async () => {
    for (const n of [1, 2] as const) expect(text(await run({ name: "feeds-add", url: feeds.url("/chat.xml") }, server(n)))).toMatch(/Added Chat Feed/);
    expect(text(await run({ name: "aliases-add", alias: "sun", query: "solar OR photovoltaic" }, server(1)))).toMatch(/Alias @sun added: it stands for solar OR photovoltaic/);
    expect(text(await run({ name: "topics-add", topicId: "sunny", query: "@sun", displayName: null }, server(1)))).toMatch(/Topic sunny added/);
    expect(text(await run({ name: "aliases" }, server(1, false)))).toBe("Aliases this workspace's queries can use:\n@sun: solar OR photovoltaic");
    expect(text(await run({ name: "aliases" }, server(2, false)))).toMatch(/^No aliases yet/);
    expect(text(await run({ name: "aliases" }, operator))).toBe("Aliases this workspace's queries can use:\n@yaml: lithium");
    expect(text(await run({ name: "watch", query: "@sun", channel: null }, server(1, false)))).toMatch(/Watch \d+ created/);

    // The other server knows no @sun, nor the config's @yaml: each refusal names the alias and changes nothing.
    const auditOf2 = await app.store.auditLog("discord:1300000000000002000", 100);
    expect(text(await run({ name: "topics-add", topicId: "sunny", query: "@sun", displayName: null }, server(2)))).toMatch(/unknown alias "@sun"/);
    expect(text(await run({ name: "watch", query: "@sun", channel: null }, server(2, false)))).toMatch(/unknown alias "@sun"/);
    expect(text(await run({ name: "search", query: "@sun" }, server(2)))).toMatch(/unknown alias "@sun"/);
    expect(text(await run({ name: "search", query: "@yaml" }, server(2)))).toMatch(/unknown alias "@yaml"/);
    expect(text(await run({ name: "topics-test", query: "@sun" }, server(2)))).toMatch(/unknown alias "@sun"/);
    expect(await app.store.auditLog("discord:1300000000000002000", 100)).toEqual(auditOf2);
    expect(await app.store.watchesOf({ platform: "discord", workspaceId: server(2).workspaceId, userId: server(2, false).userId })).toEqual([]);

    await app.poll({ force: true });
    expect(titles(await run({ name: "search", query: "@sun" }, server(1)))).toEqual(["Solar subsidies cut in Jiangsu"]);
    expect(titles(await run({ name: "topics-test", query: "@sun" }, server(1)))).toEqual(["Solar subsidies cut in Jiangsu"]);
    // The topic matched through the alias while polling.
    expect(titles(await run({ name: "search", query: "subsidies topic:sunny" }, server(1)))).toEqual(["Solar subsidies cut in Jiangsu"]);
    // A story first seen on a later poll alerts the watch's owner through the alias.
    feeds.route("/chat.xml", serveFeed({ body: rssFeed("Chat Feed", [{ guid: "p1", title: "Photovoltaic output rises", link: "https://example.org/p1", pubDate: "Thu, 15 Jan 2026 02:10:00 GMT" }]) }));
    clock.advance(15 * 60_000);
    await app.poll({ force: true });
    const alerts = (await app.store.listOutbox(["pending", "failed"])).filter((m) => m.target === `discord-user:${server(1, false).userId}`);
    expect(JSON.stringify(alerts.map((m) => m.payload))).toContain("Photovoltaic output rises");
    // The default tenant keeps the config's aliases (it does not follow the chat feed, so nothing is found).
    expect(titles(await run({ name: "search", query: "@yaml" }, operator))).toBe("No stories match @yaml.");
  });

  it("cannot be removed while a topic uses them, nor replace the config's; every change is audited", async () => {
    expect(text(await run({ name: "aliases-remove", alias: "sun" }, server(1)))).toMatch(/@sun is used by topic sunny; change or remove those first\. Nothing was changed/);
    expect(text(await run({ name: "aliases-add", alias: "sun", query: "solar" }, server(1)))).toMatch(/Alias @sun now stands for solar/);
    expect(text(await run({ name: "topics-remove", topicId: "sunny" }, server(1)))).toMatch(/removed/);
    expect(text(await run({ name: "aliases-remove", alias: "sun" }, server(1)))).toMatch(/Alias @sun removed/);
    expect(await app.store.tenantAliases(null)).toEqual([]);
    expect(text(await run({ name: "aliases-add", alias: "yaml", query: "cobalt" }, operator))).toMatch(/@yaml is set in the bot's config file/);
    const audit = (await app.store.auditLog("discord:1300000000000001000", 100)).map((entry) => `${entry.action} ${entry.subject}`);
    expect(audit.filter((line) => line.startsWith("alias."))).toEqual(["alias.remove @sun", "alias.set @sun: solar", "alias.set @sun: solar OR photovoltaic"]);
    expect((await app.store.auditLog(null, 100)).filter((entry) => entry.action.startsWith("alias.") && entry.tenantId !== "discord:1300000000000001000")).toEqual([]);
  });
});
