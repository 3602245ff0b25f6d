import { afterEach, describe, expect, it } from "vitest";
import { createManualClock } from "../../src/domain/clock.js";
import { openApp } from "../../src/runtime/cli/open-app.js";
import { createArchiveSearch } from "../../src/runtime/command-services.js";
import { writeE2eConfig } from "../fakes/e2e-config.js";
import { e2eContext, slackHttpEnv } from "../fakes/e2e-context.js";
import { startFakeSlackApi, type FakeSlackApi } from "../fakes/fake-slack-api.js";
import { rssFeed } from "../fakes/feed-xml.js";
import { serveFeed, startFeedServer } from "../fakes/feed-server.js";
import { BOT_TOKEN } from "../platforms/slack/slack-test-kit.js";

let closers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const close of closers.reverse()) await close();
  closers = [];
});

type Entry = Parameters<typeof rssFeed>[1][number];
const baseline: Entry = { guid: "b0", title: "Phone sales flat", link: "https://example.org/b0", pubDate: "Wed, 14 Jan 2026 08:00:00 GMT" };

/** A bot polling one local feed, with Alice's DMs on a fake Slack; `poll` serves the entries and delivers. */
async function rig() {
  const feeds = await startFeedServer();
  closers.push(() => feeds.close());
  const slack: FakeSlackApi = await startFakeSlackApi({ botToken: BOT_TOKEN, users: { U0ALICE: {} } });
  closers.push(() => slack.close());
  const clock = createManualClock("2026-01-15T02:00:00.000Z");
  const ctx = e2eContext(slackHttpEnv(slack.apiUrl), clock);
  const { app, loaded } = await openApp(ctx, await writeE2eConfig(feeds.url(), "aliases: {}\n"));
  closers.push(() => app.close());
  const poll = async (entries: Entry[]) => {
    feeds.route("/feed.xml", serveFeed({ body: rssFeed("Wire", entries) }));
    clock.advance(120_000);
    await app.poll({ force: true });
    await app.relay.drain();
  };
  const watch = (query: string) =>
    app.store.addWatch({ owner: { platform: "slack", workspaceId: "T0FAKE", userId: "U0ALICE" }, query, target: "slack:@U0ALICE", createdAt: clock.now().toISOString() });
  const dms = () => slack.messages.filter((m) => m.channel.startsWith("D") || m.channel === "U0ALICE").map((m) => `${m.text}\n${JSON.stringify(m.blocks)}`);
  const search = (text: string) => createArchiveSearch(app, loaded.config).search({ text, limit: 10 });
  return { poll, watch, dms, search };
}

describe("alerts are for news", () => {
  it("stores old and impossibly dated stories that show up on a later poll, searchable, without alerting", async () => {
    const bot = await rig();
    await bot.poll([baseline]);
    await bot.watch('"export controls"');
    const old: Entry = { guid: "old", title: "Export controls explained, 2019 edition", link: "https://example.org/old", pubDate: "Mon, 01 Apr 2019 09:00:00 GMT" };
    const nearlyTooOld: Entry = { guid: "47h", title: "Export controls panel meets in Geneva", link: "https://example.org/47h", pubDate: "Tue, 13 Jan 2026 03:30:00 GMT" };
    const epoch: Entry = { guid: "epoch", title: "Export controls memo leaks from ministry", link: "https://example.org/epoch", pubDate: "Thu, 01 Jan 1970 00:00:00 GMT" };
    const future: Entry = { guid: "future", title: "Export controls outlook for the decade", link: "https://example.org/future", pubDate: "Sat, 01 Jan 2028 00:00:00 GMT" };
    const undated: Entry = { guid: "undated", title: "Export controls hearing adjourned", link: "https://example.org/undated" };
    await bot.poll([baseline, old, nearlyTooOld, epoch, future, undated]);

    const sent = bot.dms();
    expect(sent.some((dm) => dm.includes("2019 edition"))).toBe(false);
    expect(sent.filter((dm) => dm.includes("Geneva"))).toHaveLength(1);
    // A date before 1995 or more than a day ahead says nothing about being new: no alert.
    expect(sent.some((dm) => dm.includes("memo leaks"))).toBe(false);
    expect(sent.some((dm) => dm.includes("outlook for the decade"))).toBe(false);
    // A feed that gives no date at all is still judged by first sight.
    expect(sent.filter((dm) => dm.includes("hearing adjourned"))).toHaveLength(1);

    const found = await bot.search('"export controls"');
    const stories = found.sections.flatMap((section) => section.stories);
    const byTitle = new Map(stories.map((story) => [story.title, story]));
    expect([...byTitle.keys()]).toEqual(
      expect.arrayContaining(["Export controls explained, 2019 edition", "Export controls memo leaks from ministry", "Export controls outlook for the decade"]),
    );
    // Shown by when they were first seen, never under the false date.
    expect(byTitle.get("Export controls memo leaks from ministry")?.dateMissing).toBe(true);
    expect(byTitle.get("Export controls outlook for the decade")?.dateMissing).toBe(true);
    expect(JSON.stringify(found)).not.toMatch(/1970-01-01|2028-01-01/);
  });

  it("sends one DM naming both watches when one story matches two watches of one person", async () => {
    const bot = await rig();
    await bot.poll([baseline]);
    const first = await bot.watch('"export controls"');
    const second = await bot.watch('"AI chips"');
    const story: Entry = { guid: "s1", title: "US widens export controls on AI chips", link: "https://example.org/s1", pubDate: "Thu, 15 Jan 2026 01:00:00 GMT" };
    await bot.poll([baseline, story]);
    await bot.poll([baseline, story, { ...story, guid: "s2", link: "https://example.org/s2", title: "Washington tightens export controls on AI chips" }]);

    const sent = bot.dms();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toContain(`Watch ${first.id}: \\"export controls\\"`);
    expect(sent[0]).toContain(`and watch ${second.id}: \\"AI chips\\"`);
    expect(sent[0]).toContain(`/brief unwatch ${first.id}`);
    expect(sent[0]).toContain(`/brief unwatch ${second.id}`);
  });
});
