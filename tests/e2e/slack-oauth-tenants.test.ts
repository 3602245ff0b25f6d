import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createManualClock } from "../../src/domain/clock.js";
import type { BriefingApp } from "../../src/runtime/app.js";
import { writeE2eConfig } from "../fakes/e2e-config.js";
import { slackHttpEnv, startE2eApp } from "../fakes/e2e-context.js";
import { startFakeSlackApi, type FakeSlackApi } from "../fakes/fake-slack-api.js";
import { serveFeed, startFeedServer, type FeedServer } from "../fakes/feed-server.js";
import { rssFeed } from "../fakes/feed-xml.js";
import { BOT_TOKEN, postToSlackApp, slashCommandForm } from "../platforms/slack/slack-test-kit.js";

/**
 * Two Slack workspaces install the bot through OAuth, each getting its own bot token, and each sets up
 * its own briefing from chat. Every call for a workspace (commands, Home tab, digest) must use that
 * workspace's token, and neither workspace sees the other's feeds, topics or digests.
 */
const at = "Thu, 15 Jan 2026 01:00:00 GMT";
const item = (guid: string, title: string) => ({ guid, title, link: `https://news.example/${guid}`, description: "", pubDate: at });
const CLIENT = { SLACK_CLIENT_ID: "1111.2222", SLACK_CLIENT_SECRET: "client-secret-abcdef123456" };
const workspaces = {
  A: { team: "T0AAA", channel: "C0AAA", admin: "U0ADMINA", token: "xoxb-team-a-0000-installedsecret", feed: "/a.xml", title: "Solar Daily", story: "Solar subsidies cut in Jiangsu", topic: "solar" },
  B: { team: "T0BBB", channel: "C0BBB", admin: "U0ADMINB", token: "xoxb-team-b-0000-installedsecret", feed: "/b.xml", title: "Robot Times", story: "Robotaxi permits expand in Wuhan", topic: "robotaxi" },
} as const;
type Ws = keyof typeof workspaces;

let feeds: FeedServer;
let slack: FakeSlackApi;
let app: BriefingApp;
let slackUrl: string;
const clock = createManualClock("2026-01-15T02:00:00.000Z");
const closers: Array<() => Promise<unknown>> = [];
const nowSec = () => Math.floor(clock.now().getTime() / 1000);

async function install(code: string): Promise<void> {
  const start = await fetch(`${slackUrl}/slack/install`);
  const link = new URL((/href="([^"]+)"/.exec(await start.text())?.[1] ?? "").replace(/&amp;/g, "&"));
  const cookie = (start.headers.get("set-cookie") ?? "").split(";")[0]!;
  const done = await fetch(`${slackUrl}/slack/oauth_redirect?code=${code}&state=${encodeURIComponent(link.searchParams.get("state") ?? "")}`, { headers: { cookie } });
  expect(done.status).toBe(200);
}

async function onSlack(ws: Ws, text: string): Promise<string> {
  const w = workspaces[ws];
  const before = slack.responses.length;
  const body = slashCommandForm({ text, team_id: w.team, channel_id: w.channel, channel_name: `news-${ws}`, user_id: w.admin, response_url: slack.responseUrl(`r${before}`) });
  expect((await postToSlackApp(slackUrl, body, { timestampSec: nowSec() })).status).toBe(200);
  await expect.poll(() => slack.responses.length, { timeout: 10_000 }).toBeGreaterThan(before);
  return JSON.stringify(slack.responses[before]!.body);
}

async function openHome(ws: Ws): Promise<{ token: string | null; text: string }> {
  const w = workspaces[ws];
  const before = slack.views.length;
  const body = JSON.stringify({ type: "event_callback", team_id: w.team, api_app_id: "A0APP", event_id: `Ev${ws}${before}`, event_time: nowSec(), event: { type: "app_home_opened", user: w.admin, channel: `D${w.admin}`, tab: "home", event_ts: `${nowSec()}.000100` } });
  expect((await postToSlackApp(slackUrl, body, { timestampSec: nowSec(), headers: { "content-type": "application/json" } })).status).toBe(200);
  await expect.poll(() => slack.views.length, { timeout: 10_000 }).toBeGreaterThan(before);
  const view = slack.views[0]!;
  expect(view.userId).toBe(w.admin);
  return { token: view.token, text: JSON.stringify(view.view.blocks) };
}

beforeAll(async () => {
  feeds = await startFeedServer();
  closers.push(() => feeds.close());
  feeds.route("/a.xml", serveFeed({ body: rssFeed("Solar Daily", [item("a1", workspaces.A.story)]) }));
  feeds.route("/b.xml", serveFeed({ body: rssFeed("Robot Times", [item("b1", workspaces.B.story)]) }));
  feeds.route("/wire.xml", serveFeed({ body: rssFeed("Config Wire", [item("w1", "Config wire story on export controls")]) }));
  slack = await startFakeSlackApi({
    botToken: BOT_TOKEN,
    users: { U0ADMINA: { is_admin: true }, U0ADMINB: { is_owner: true } },
    channels: [
      { id: "C0AAA", name: "news-A", teamId: "T0AAA" },
      { id: "C0BBB", name: "news-B", teamId: "T0BBB" },
    ],
    oauth: {
      clientId: CLIENT.SLACK_CLIENT_ID,
      clientSecret: CLIENT.SLACK_CLIENT_SECRET,
      grants: (["A", "B"] as const).map((ws) => ({ code: `code-${ws}`, teamId: workspaces[ws].team, teamName: `Team ${ws}`, botToken: workspaces[ws].token, installerId: workspaces[ws].admin })),
    },
  });
  closers.push(() => slack.close());
  const env = { ...slackHttpEnv(slack.apiUrl), ...CLIENT, BRIEFING_SECRET_KEY: "ab".repeat(32) };
  ({ app, slackUrl } = await startE2eApp(env, clock, await writeE2eConfig(feeds.url("/wire.xml")), closers));
}, 30_000);

afterAll(async () => {
  for (const close of closers.reverse()) await close();
});

describe("two Slack workspaces installed through OAuth, each with its own briefing", () => {
  it("each workspace's feeds, topics, Home tab and digest stay its own, and go out with its own token", async () => {
    await install("code-A");
    await install("code-B");
    for (const ws of ["A", "B"] as const) {
      const w = workspaces[ws];
      expect(await onSlack(ws, `feeds add ${feeds.url(w.feed)}`)).toContain(`Added ${w.title}`);
      expect(await onSlack(ws, `topics add ${w.topic} ${w.topic}`)).toContain(`Topic ${w.topic} added`);
      expect(await onSlack(ws, 'digest here "0 9 * * *"')).toContain("This channel gets a digest");
    }
    // Admin checks and channel checks of each workspace went out with its own token, never the default one.
    for (const method of ["users.info", "conversations.info"]) {
      const tokens = slack.callsTo(method).map((call) => call.token);
      expect(tokens, method).toContain(workspaces.A.token);
      expect(tokens, method).toContain(workspaces.B.token);
      expect(tokens, method).not.toContain(BOT_TOKEN);
    }

    await app.poll({ force: true });
    const homes = { A: await openHome("A"), B: await openHome("B") };
    for (const [ws, other] of [["A", "B"], ["B", "A"]] as const) {
      const home = homes[ws];
      expect(home.token).toBe(workspaces[ws].token);
      expect(home.text).toContain(workspaces[ws].title);
      expect(home.text).toContain(`chat:slack:${workspaces[ws].team}/${workspaces[ws].channel}`);
      expect(home.text).not.toContain(workspaces[other].title);
      expect(home.text).not.toContain(workspaces[other].channel);
      expect(home.text).not.toContain("wire");
    }

    expect(await app.runChatDigests()).toBe(2);
    await app.relay.drain();
    const posts = slack.callsTo("chat.postMessage");
    for (const [ws, other] of [["A", "B"], ["B", "A"]] as const) {
      const w = workspaces[ws];
      const mine = posts.filter((call) => call.args.channel === w.channel);
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.map((call) => call.token)).toEqual(mine.map(() => w.token));
      const text = JSON.stringify(mine.map((call) => call.args));
      expect(text).toContain(w.story);
      expect(text).not.toContain(workspaces[other].story);
      expect(text).not.toContain("Config wire story");
    }
    expect(posts.map((call) => call.token)).not.toContain(BOT_TOKEN);
  }, 60_000);
});
