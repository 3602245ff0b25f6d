import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Invoker, Reply } from "../../src/commands/index.js";
import { loadConfig } from "../../src/config/load-config.js";
import { createManualClock } from "../../src/domain/clock.js";
import { createApp } from "../../src/runtime/app.js";
import { createBriefCommandHandler } from "../../src/runtime/command-services.js";
import { createLogger } from "../../src/runtime/logger.js";
import { writeE2eConfig } from "../fakes/e2e-config.js";
import { serveFeed, startFeedServer, type FeedServer } from "../fakes/feed-server.js";
import { rssFeed } from "../fakes/feed-xml.js";
import { runCliCaptured } from "../fakes/run-cli.js";

const admin: Invoker = { platform: "discord", workspaceId: "1300000000000000055", channelId: "1300000000000000056", userId: "1300000000000000057", isPlatformAdmin: true };
const text = (reply: Reply) => (reply.kind === "text" ? reply.text : "");
const clock = createManualClock("2026-01-15T02:00:00.000Z");
let feeds: FeedServer;
let configFile: string;

const openAt = async (file: string) => {
  const loaded = await loadConfig(file);
  return createApp({ loaded, clock, log: createLogger({ level: "silent", secrets: [], pretty: false }), senderFor: () => null });
};

beforeAll(async () => {
  feeds = await startFeedServer();
  feeds.route("/wire.xml", serveFeed({ body: rssFeed("Wire", []) }));
  feeds.route("/chat.xml", serveFeed({ body: rssFeed("Chat Feed", [{ guid: "c1", title: "Chips story", link: "https://example.org/c1", pubDate: "Thu, 15 Jan 2026 01:00:00 GMT" }]) }));
  configFile = await writeE2eConfig(feeds.url("/wire.xml"));
});
afterAll(async () => feeds.close());

describe("settings made in chat", () => {
  it("survive a restart and a config reload, and are polled with the configured sources", async () => {
    const first = await openAt(configFile);
    const handler = createBriefCommandHandler(first, first.config);
    expect(text(await handler.handle({ name: "feeds-add", url: feeds.url("/chat.xml") }, admin))).toMatch(/Added Chat Feed/);
    expect(text(await handler.handle({ name: "topics-add", topicId: "chips", query: "chips", displayName: null }, admin))).toMatch(/Topic chips added/);
    await first.close();

    const second = await openAt(configFile);
    try {
      // A reload applies the YAML again; what chat made lives in the database and stays.
      second.reconfigure((await loadConfig(configFile)).config);
      const tenant = `discord:${admin.workspaceId}`;
      expect((await second.store.tenantFeeds(tenant)).map((feed) => feed.url)).toEqual([feeds.url("/chat.xml")]);
      expect((await second.store.tenantTopics(tenant)).map((topic) => topic.query)).toEqual(["chips"]);
      const before = feeds.requests.filter((r) => r.path === "/chat.xml").length;
      await second.poll({ force: true });
      expect(feeds.requests.filter((r) => r.path === "/chat.xml").length).toBe(before + 1);
      const handler2 = createBriefCommandHandler(second, second.config);
      const found = await handler2.handle({ name: "topics-test", query: "chips" }, admin);
      expect(found.kind === "stories" && found.digest.sections[0]?.stories.map((s) => s.title)).toEqual(["Chips story"]);
    } finally {
      await second.close();
    }
  });

  it("are listed by `briefing audit`, per tenant with --tenant", async () => {
    const all = await runCliCaptured(["audit", "--config", configFile, "--json"]);
    expect(all.code).toBe(0);
    const entries = (JSON.parse(all.stdout) as { entries: Array<{ tenantId: string; actor: string; action: string; subject: string }> }).entries;
    expect(entries.map((e) => e.action)).toEqual(["topic.add", "feed.add"]);
    expect(entries[0]).toMatchObject({ tenantId: `discord:${admin.workspaceId}`, actor: `discord:${admin.userId}`, subject: "chips: chips" });
    const none = await runCliCaptured(["audit", "--config", configFile, "--tenant", "slack:T0OTHER"]);
    expect(none.stdout).toMatch(/nothing changed from chat yet/);
    expect((await runCliCaptured(["audit", "--config", configFile, "--limit", "zero"])).code).toBe(2);
  });
});
