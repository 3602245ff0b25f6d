import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { createManualClock } from "../../src/domain/clock.js";
import { openApp } from "../../src/runtime/cli/open-app.js";
import { writeE2eConfig } from "../fakes/e2e-config.js";
import { e2eContext, slackHttpEnv } from "../fakes/e2e-context.js";
import { startFakeSlackApi } from "../fakes/fake-slack-api.js";
import { rssFeed } from "../fakes/feed-xml.js";
import { serveFeed, startFeedServer } from "../fakes/feed-server.js";
import { BOT_TOKEN, postToSlackApp, slashCommandForm } from "../platforms/slack/slack-test-kit.js";

let closers: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const close of closers.reverse()) await close();
  closers = [];
});

const story = { guid: "a1", title: "US widens export controls on AI chips", link: "https://example.org/a1", pubDate: "Thu, 15 Jan 2026 01:00:00 GMT" };

describe("a database write-locked by another connection (a backup, a second CLI)", () => {
  it("acks slash commands at once, answers what needs no write, and finishes the writes once the lock clears", async () => {
    const feeds = await startFeedServer();
    closers.push(() => feeds.close());
    feeds.route("/feed.xml", serveFeed({ body: rssFeed("Wire", [story]) }));
    const slack = await startFakeSlackApi({ botToken: BOT_TOKEN, users: { U0ALICE: {} } });
    closers.push(() => slack.close());
    const clock = createManualClock("2026-01-15T02:00:00.000Z");
    const ctx = e2eContext(slackHttpEnv(slack.apiUrl), clock);
    const configFile = await writeE2eConfig(feeds.url());
    const { app, platforms } = await openApp(ctx, configFile);
    closers.push(() => app.close());
    const started = await platforms.start();
    closers.push(() => platforms.stop());
    const base = `http://127.0.0.1:${started.slack?.port ?? 0}`;
    const send = (text: string, id: string) =>
      postToSlackApp(base, slashCommandForm({ text, response_url: slack.responseUrl(id), user_id: "U0ALICE" }), { timestampSec: Math.floor(clock.now().getTime() / 1000) });

    // A real second connection takes the write lock and keeps it until the test says so.
    const holder = new Database(path.join(path.dirname(configFile), "briefing.db"));
    closers.push(() => holder.close());
    holder.exec("BEGIN IMMEDIATE");
    let locked = true;

    // The worker's poll needs the lock too; it waits without stopping anything else.
    const polled = app.poll({ force: true });
    const watch = await send('watch "export controls"', "watch");
    const help = await send("help", "help");
    expect({ locked, watch: watch.status, help: help.status }).toEqual({ locked: true, watch: 200, help: 200 });
    await expect.poll(() => slack.responses.map((r) => r.id)).toContain("help");
    expect(slack.responses.map((r) => r.id)).not.toContain("watch");

    holder.exec("COMMIT");
    locked = false;
    await expect.poll(() => slack.responses.find((r) => r.id === "watch")?.body.text, { timeout: 10_000 }).toMatch(/^Watch 1 created/);
    expect(await polled).toMatchObject({ polled: 1, failed: 0, newItems: 1 });
    expect(locked).toBe(false);
  });
});
