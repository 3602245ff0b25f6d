import { afterEach, describe, expect, it } from "vitest";
import { createManualClock } from "../../src/domain/clock.js";
import { createCliContext } from "../../src/runtime/cli/cli-context.js";
import { openApp } from "../../src/runtime/cli/open-app.js";
import { writeE2eConfig } from "../fakes/e2e-config.js";
import { startFakeDiscord } from "../fakes/fake-discord.js";
import { rssFeed } from "../fakes/feed-xml.js";
import { serveFeed, startFeedServer } from "../fakes/feed-server.js";

const ALICE = { id: "1300000000000000777", username: "alice" };
const old = { guid: "b1", title: "Phone sales flat", link: "https://example.org/b1", pubDate: "Wed, 14 Jan 2026 08:00:00 GMT" };
const story = {
  guid: "b2",
  title: "China allows H200 purchases @everyone",
  link: "https://example.org/b2",
  description: "Beijing clears Nvidia H200 chips for three firms, the export controls notwithstanding.",
  pubDate: "Thu, 15 Jan 2026 01:00:00 GMT",
};
const retold = { ...story, guid: "b3", link: "https://example.org/b3?fbclid=x", title: "Beijing clears Nvidia H200 chip purchases" };

let closers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const close of closers.reverse()) await close();
  closers = [];
});

describe("a Discord watch, end to end", () => {
  it("sends a new matching story to the watcher by DM once, with why it matched and no ping", async () => {
    const feeds = await startFeedServer();
    closers.push(() => feeds.close());
    feeds.route("/feed.xml", serveFeed({ body: rssFeed("Wire", [old]) }));
    const discord = await startFakeDiscord();
    closers.push(() => discord.close());

    const clock = createManualClock("2026-01-15T02:00:00.000Z");
    const ctx = createCliContext({
      stdout: { write: () => true },
      stderr: { write: () => true },
      env: { DISCORD_TOKEN: discord.token, DISCORD_APPLICATION_ID: discord.applicationId, DISCORD_API_URL: discord.apiUrl, LOG_LEVEL: "silent" },
      clock,
      stopSignal: new Promise(() => undefined),
    });
    const { app, platforms } = await openApp(ctx, await writeE2eConfig(feeds.url()));
    closers.push(() => app.close());
    expect((await platforms.start()).discord).toBe(true);
    closers.push(() => platforms.stop());
    await app.poll({ force: true });

    const { id } = discord.dispatch({ subcommand: "watch", options: { query: "H200" }, user: ALICE });
    await discord.waitFor(() => discord.responsesTo(id).some((r) => /Watch 1 created/.test(JSON.stringify(r.body))), "the watch confirmation");

    for (const items of [[old, story], [old, story, retold]]) {
      feeds.route("/feed.xml", serveFeed({ body: rssFeed("Wire", items) }));
      clock.advance(120_000);
      await app.poll({ force: true });
      await app.relay.drain();
    }

    const dmChannel = discord.dmChannels.get(ALICE.id);
    const dms = discord.messages.filter((message) => message.channelId === dmChannel);
    expect(dms).toHaveLength(1);
    const body = JSON.stringify(dms[0]!.body);
    const shown = body.replace(/\\\\(.)/g, "$1");
    expect(shown).toContain("China allows H200 purchases");
    expect(shown).toMatch(/matched: H200/);
    expect(body).toContain("https://example.org/b2");
    expect(dms[0]!.body).toMatchObject({ allowed_mentions: { parse: [] } });
    expect(discord.violations).toEqual([]);
  });
});
