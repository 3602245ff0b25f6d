import { afterEach, describe, expect, it } from "vitest";
import { createManualClock } from "../../src/domain/clock.js";
import { openApp } from "../../src/runtime/cli/open-app.js";
import { writeE2eConfig } from "../fakes/e2e-config.js";
import { e2eContext, slackHttpEnv } from "../fakes/e2e-context.js";
import { startFakeSlackApi, type FakeSlackApi } from "../fakes/fake-slack-api.js";
import { rssFeed } from "../fakes/feed-xml.js";
import { serveFeed, startFeedServer, type FeedServer } from "../fakes/feed-server.js";
import { BOT_TOKEN, postToSlackApp, slashCommandForm } from "../platforms/slack/slack-test-kit.js";

const first = { guid: "a1", title: "Phone sales flat", link: "https://example.org/a1", pubDate: "Wed, 14 Jan 2026 08:00:00 GMT" };
const matching = {
  guid: "a2",
  title: "US widens export controls on AI chips",
  link: "https://example.org/a2?utm_source=rss",
  description: "New export controls cap sales of advanced accelerators.",
  pubDate: "Thu, 15 Jan 2026 01:00:00 GMT",
};
const sameStory = { ...matching, guid: "a3", link: "https://example.org/a3", title: "Washington tightens export controls on AI chips" };

let closers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const close of closers.reverse()) await close();
  closers = [];
});

describe("a Slack watch, end to end", () => {
  it("delivers a new matching story to the watcher's DM once, with why it matched", async () => {
    const feeds: FeedServer = await startFeedServer();
    closers.push(() => feeds.close());
    feeds.route("/feed.xml", serveFeed({ body: rssFeed("Wire", [first]) }));
    const slack: FakeSlackApi = await startFakeSlackApi({ botToken: BOT_TOKEN, users: { U0ALICE: {} } });
    closers.push(() => slack.close());

    const clock = createManualClock("2026-01-15T02:00:00.000Z");
    const ctx = e2eContext(slackHttpEnv(slack.apiUrl), clock);
    const { app, platforms } = await openApp(ctx, await writeE2eConfig(feeds.url()));
    closers.push(() => app.close());
    const started = await platforms.start();
    closers.push(() => platforms.stop());

    // The first poll stores what the feed has without alerting anyone.
    await app.poll({ force: true });

    expect(started.slack?.mode).toBe("http");
    const port = started.slack?.port ?? 0;
    const body = slashCommandForm({ text: 'watch "export controls"', response_url: slack.responseUrl("w"), user_id: "U0ALICE" });
    expect((await postToSlackApp(`http://127.0.0.1:${port}`, body, { timestampSec: Math.floor(clock.now().getTime() / 1000) })).status).toBe(200);
    await expect.poll(() => slack.responses.map((r) => String(r.body.text))).toEqual([expect.stringMatching(/Watch 1 created/)]);

    feeds.route("/feed.xml", serveFeed({ body: rssFeed("Wire", [first, matching]) }));
    clock.advance(120_000);
    await app.poll({ force: true });
    await app.relay.drain();
    feeds.route("/feed.xml", serveFeed({ body: rssFeed("Wire", [first, matching, sameStory]) }));
    clock.advance(120_000);
    await app.poll({ force: true });
    await app.relay.drain();

    const dms = slack.messages.filter((message) => message.channel.startsWith("D") || message.channel === "U0ALICE");
    expect(dms).toHaveLength(1);
    expect(dms[0]!.text).toMatch(/Watch 1: "export controls"/);
    const shown = JSON.stringify(dms[0]!.blocks);
    expect(shown).toContain("US widens export controls on AI chips");
    expect(shown).toMatch(/matched: export controls/);
    expect(shown).toContain("<https://example.org/a2|");
    expect(shown).toContain("/brief unwatch 1");
  });
});
