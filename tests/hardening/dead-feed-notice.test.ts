import { afterEach, describe, expect, it } from "vitest";
import { createManualClock } from "../../src/domain/clock.js";
import { openApp } from "../../src/runtime/cli/open-app.js";
import { writeE2eConfig } from "../fakes/e2e-config.js";
import { e2eContext, slackHttpEnv } from "../fakes/e2e-context.js";
import { startFakeDiscord } from "../fakes/fake-discord.js";
import { startFakeSlackApi, type FakeSlackApiOptions } from "../fakes/fake-slack-api.js";
import { startFeedServer, status } from "../fakes/feed-server.js";
import { BOT_TOKEN } from "../platforms/slack/slack-test-kit.js";

let closers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const close of closers.reverse()) await close();
  closers = [];
});

/** A bot polling one dead local feed, with admins.notify on a fake Slack (and Discord as the fallback). */
async function rig(feedStatus: number) {
  const feeds = await startFeedServer();
  closers.push(() => feeds.close());
  feeds.route("/feed.xml", status(feedStatus, {}, "gone"));
  const slackOptions: FakeSlackApiOptions = { botToken: BOT_TOKEN, channels: [{ id: "C0OPS", name: "ops", isMember: true }] };
  const slack = await startFakeSlackApi(slackOptions);
  closers.push(() => slack.close());
  const discord = await startFakeDiscord();
  closers.push(() => discord.close());
  const clock = createManualClock("2026-01-15T02:00:00.000Z");
  const logLines: string[] = [];
  const env = { ...slackHttpEnv(slack.apiUrl), DISCORD_TOKEN: discord.token, DISCORD_APPLICATION_ID: "1300000000000000000", DISCORD_API_URL: discord.apiUrl, LOG_LEVEL: "info" };
  const ctx = e2eContext(env, clock, (text) => logLines.push(text));
  const extra = `admins: { notify: "slack:C0OPS", notify_fallback: "discord:${discord.channelId}" }\n`;
  const { app } = await openApp(ctx, await writeE2eConfig(feeds.url("/feed.xml"), extra));
  closers.push(() => app.close());
  const poll = async () => {
    clock.advance(3_600_000);
    await app.poll({ force: true });
    await app.relay.drain();
    await app.relay.drain();
  };
  const opsNotices = () => slack.messages.filter((m) => m.channel === "C0OPS").map((m) => `${m.text} ${JSON.stringify(m.blocks)}`);
  const discordNotices = () => discord.messages.filter((m) => m.channelId === discord.channelId).map((m) => JSON.stringify(m.body));
  return { poll, opsNotices, discordNotices, slackOptions, log: () => logLines.join("") };
}

describe("a dead feed", () => {
  it("answering 410 is paused at once and the operator told once, however often it is tried again", async () => {
    const bot = await rig(410);
    for (let i = 0; i < 4; i++) await bot.poll();
    const notices = bot.opsNotices();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/paused the feed wire \(http:\/\/127\.0\.0\.1:\d+\/feed\.xml\) after 1 failed poll in a row/);
    expect(notices[0]).toMatch(/410/);
    expect(bot.discordNotices()).toEqual([]);
  });

  it("answering 404 is paused after five polls in a row, with one notice", async () => {
    const bot = await rig(404);
    for (let i = 0; i < 4; i++) await bot.poll();
    expect(bot.opsNotices()).toEqual([]);
    for (let i = 0; i < 3; i++) await bot.poll();
    expect(bot.opsNotices()).toHaveLength(1);
    expect(bot.opsNotices()[0]).toMatch(/after 5 failed polls in a row.*404/);
  });

  it("reaches the operator through the error log and the other platform when the notify platform's token is revoked", async () => {
    const bot = await rig(410);
    bot.slackOptions.botToken = "xoxb-rotated-9999-secret";
    await bot.poll();
    await bot.poll();
    expect(bot.opsNotices()).toEqual([]);
    const fallback = bot.discordNotices();
    expect(fallback.filter((text) => /paused the feed wire/.test(text))).toHaveLength(1);
    expect(fallback.filter((text) => /stopped posting to slack/.test(text))).toHaveLength(1);
    expect(bot.log()).toMatch(/"level":50[^\n]*paused the feed wire/);
  });
});
