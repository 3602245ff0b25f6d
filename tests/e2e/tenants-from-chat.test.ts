import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createManualClock } from "../../src/domain/clock.js";
import type { BriefingApp } from "../../src/runtime/app.js";
import { writeE2eConfig } from "../fakes/e2e-config.js";
import { slackHttpEnv, startE2eApp } from "../fakes/e2e-context.js";
import { PERMISSIONS, startFakeDiscord, type FakeDiscord } from "../fakes/fake-discord.js";
import { startFakeSlackApi, type FakeSlackApi } from "../fakes/fake-slack-api.js";
import { serveFeed, startFeedServer, type FeedServer } from "../fakes/feed-server.js";
import { rssFeed } from "../fakes/feed-xml.js";
import { BOT_TOKEN, postToSlackApp, slashCommandForm } from "../platforms/slack/slack-test-kit.js";

/**
 * Two Slack workspaces and two Discord servers on one bot, each setting up its own briefing from chat.
 * Each must get only its own digests, alerts and search results, and a feed three of them follow is
 * fetched once per poll.
 */
const at = "Thu, 15 Jan 2026 01:00:00 GMT";
const item = (guid: string, title: string, description = "") => ({ guid, title, link: `https://news.example/${guid}`, description, pubDate: at });
const FEEDS = {
  "/shared.xml": rssFeed("Shared Wire", [item("s1", "Chip export controls tighten again", "New export controls on accelerators."), item("s2", "Rare earth quotas announced")]),
  "/a.xml": rssFeed("Solar Daily", [item("a1", "Solar subsidies cut in Jiangsu")]),
  "/b.xml": rssFeed("Robot Times", [item("b1", "Robotaxi permits expand in Wuhan")]),
  "/c.xml": rssFeed("Drone Post", [item("c1", "Drone makers face new rules")]),
  "/d.xml": rssFeed("Battery Weekly", [item("d1", "Lithium prices slide")]),
};
const PAGE = `<!doctype html><html><head><title>Battery Weekly</title><link rel="alternate" type="application/rss+xml" href="/d.xml"></head><body>news</body></html>`;

let feeds: FeedServer;
let slack: FakeSlackApi;
let discord: FakeDiscord;
let app: BriefingApp;
let slackUrl: string;
let secondGuild: { guildId: string; channelId: string };
const clock = createManualClock("2026-01-15T02:00:00.000Z");
const closers: Array<() => Promise<unknown>> = [];

const ADMIN = { id: "1300000000000000901", username: "admin" };
const MEMBER_C = { id: "1300000000000000902", username: "carol" };
const MEMBER_D = { id: "1300000000000000903", username: "dan" };
const workspaces = {
  A: { team: "T0AAA", channel: "C0AAA", admin: "U0ADMINA", member: "U0ALICE" },
  B: { team: "T0BBB", channel: "C0BBB", admin: "U0ADMINB", member: "U0BOB" },
} as const;

async function onSlack(ws: keyof typeof workspaces, text: string, who: "admin" | "member" = "admin"): Promise<string> {
  const w = workspaces[ws];
  const before = slack.responses.length;
  const body = slashCommandForm({ text, team_id: w.team, channel_id: w.channel, channel_name: `news-${ws}`, user_id: who === "admin" ? w.admin : w.member, response_url: slack.responseUrl(`r${before}`) });
  expect((await postToSlackApp(slackUrl, body, { timestampSec: Math.floor(clock.now().getTime() / 1000) })).status).toBe(200);
  await expect.poll(() => slack.responses.length, { timeout: 10_000 }).toBeGreaterThan(before);
  return JSON.stringify(slack.responses[before]!.body);
}

async function onDiscord(server: "C" | "D", subcommand: string, options: Record<string, string> = {}, user = ADMIN): Promise<string> {
  const channelId = server === "C" ? discord.channelId : secondGuild.channelId;
  const { id } = discord.dispatch({ subcommand, options, user, channelId, permissions: user === ADMIN ? PERMISSIONS.manageGuild : PERMISSIONS.member });
  const answer = await discord.waitFor(() => discord.responsesTo(id).find((r) => r.kind !== "callback" || JSON.stringify(r.body).includes("content")), `the answer to ${subcommand}`, 10_000);
  return unescapeDiscord(JSON.stringify(answer.body));
}

/** Discord answers escape markdown (`feed\\-1`): read them as the user does. */
const unescapeDiscord = (json: string) => json.replace(/\\\\(.)/g, "$1");

const slackPosts = (channel: string) => JSON.stringify(slack.messages.filter((m) => m.channel === channel).map((m) => m.blocks ?? m.text));
const discordPosts = (channelId: string) => unescapeDiscord(JSON.stringify(discord.messages.filter((m) => m.channelId === channelId).map((m) => m.body)));
const sharedFetches = () => feeds.requests.filter((r) => r.path === "/shared.xml").length;

beforeAll(async () => {
  feeds = await startFeedServer();
  closers.push(() => feeds.close());
  for (const [path, body] of Object.entries(FEEDS)) feeds.route(path, serveFeed({ body }));
  feeds.route("/page.html", serveFeed({ body: PAGE, contentType: "text/html; charset=utf-8" }));
  feeds.route("/wire.xml", serveFeed({ body: rssFeed("Config Wire", [item("w1", "Config wire story on export controls")]) }));
  slack = await startFakeSlackApi({
    botToken: BOT_TOKEN,
    users: { U0ADMINA: { is_admin: true }, U0ADMINB: { is_owner: true }, U0ALICE: {}, U0BOB: {} },
    channels: [
      { id: "C0AAA", name: "news-A", teamId: "T0AAA" },
      { id: "C0BBB", name: "news-B", teamId: "T0BBB" },
    ],
  });
  closers.push(() => slack.close());
  discord = await startFakeDiscord();
  closers.push(() => discord.close());
  secondGuild = discord.addGuild();
  const env = { ...slackHttpEnv(slack.apiUrl), DISCORD_TOKEN: discord.token, DISCORD_APPLICATION_ID: discord.applicationId, DISCORD_API_URL: discord.apiUrl };
  ({ app, slackUrl } = await startE2eApp(env, clock, await writeE2eConfig(feeds.url("/wire.xml")), closers));
}, 30_000);

afterAll(async () => {
  for (const close of closers.reverse()) await close();
});

describe("four teams managing their own briefing from chat", () => {
  it("each adds feeds and topics, and gets only its own digests, alerts and search results", async () => {
    // Feeds: the shared one three times, one of each team's own, one found through a web page.
    expect(await onSlack("A", `feeds add ${feeds.url("/shared.xml")}`)).toMatch(/Added Shared Wire as feed-[0-9a-f]{10}.*Chip export controls tighten again/);
    expect(await onSlack("A", `feeds add <${feeds.url("/a.xml")}>`)).toMatch(/Added Solar Daily.*Solar subsidies cut/);
    expect(await onSlack("B", `feeds add ${feeds.url("/shared.xml")}`)).toMatch(/Added Shared Wire/);
    expect(await onSlack("B", `feeds add ${feeds.url("/b.xml")}`)).toMatch(/Added Robot Times/);
    expect(await onDiscord("C", "feeds-add", { url: feeds.url("/shared.xml") })).toMatch(/Added Shared Wire/);
    expect(await onDiscord("C", "feeds-add", { url: feeds.url("/c.xml") })).toMatch(/Added Drone Post/);
    expect(await onDiscord("D", "feeds-add", { url: feeds.url("/page.html") })).toMatch(/Added Battery Weekly .*d\.xml.*Lithium prices slide/);

    expect(await onSlack("A", 'topics add solar solar OR subsidies name:"Sunny side"')).toMatch(/Topic solar \(.{0,4}Sunny side.{0,4} in digests\) added/);
    expect(await onSlack("B", "topics add robots robotaxi")).toMatch(/Topic robots added/);
    expect(await onSlack("B", 'topics add chips "export controls"')).toMatch(/Topic chips added/);
    expect(await onDiscord("C", "topics-add", { id: "drones", query: "drone" })).toMatch(/Topic drones added/);
    expect(await onDiscord("D", "topics-add", { id: "batteries", query: "lithium" })).toMatch(/Topic batteries added/);

    // One poll: every feed once, the shared one once for its three followers.
    const before = sharedFetches();
    await app.poll({ force: true });
    expect(sharedFetches() - before).toBe(1);

    // Each team lists only its own feeds and topics.
    const feedsOfA = await onSlack("A", "feeds");
    expect(feedsOfA).toMatch(/2 sources/);
    expect(feedsOfA).not.toMatch(/b\.xml|c\.xml|d\.xml|wire\.xml/);
    expect(await onDiscord("D", "topics")).not.toMatch(/drones|solar|robots|export-controls/);

    // Search and topics test see only the team's own feeds.
    expect(await onSlack("A", "search robotaxi")).toMatch(/No stories match/);
    expect(await onSlack("B", "search robotaxi")).toContain("Robotaxi permits expand");
    expect(await onDiscord("C", "search", { query: "lithium" })).toMatch(/No stories match/);
    expect(await onDiscord("D", "search", { query: "lithium" })).toContain("Lithium prices slide");
    expect(await onSlack("A", "topics test export controls")).toContain("Chip export controls tighten again");
    // A topic filter names the team's own topic: B's "chips" exists only for B.
    expect(await onSlack("B", "search export topic:chips")).toContain("Chip export controls tighten again");
    expect(await onSlack("A", "search export topic:chips")).toMatch(/No stories match/);
    expect(await onSlack("A", "topics test wire")).toMatch(/nothing in this workspace's feeds matches/);

    // Watches are personal, and only hear of their own team's feeds.
    expect(await onSlack("A", "watch quotas OR robotaxi", "member")).toMatch(/Watch \d+ created/);
    expect(await onSlack("B", "watch quotas OR robotaxi", "member")).toMatch(/Watch \d+ created/);
    expect(await onDiscord("C", "watch", { query: "lithium OR quotas" }, MEMBER_C)).toMatch(/created/);
    expect(await onDiscord("D", "watch", { query: "lithium OR quotas" }, MEMBER_D)).toMatch(/created/);
    feeds.route("/shared.xml", serveFeed({ body: FEEDS["/shared.xml"].replace("<item>", `<item><guid>s3</guid><title>New rare earth quotas set</title><link>https://news.example/s3</link><pubDate>${at}</pubDate></item><item>`) }));
    feeds.route("/b.xml", serveFeed({ body: rssFeed("Robot Times", [item("b2", "Robotaxi fleet doubles in Beijing"), item("b1", "Robotaxi permits expand in Wuhan")]) }));
    feeds.route("/d.xml", serveFeed({ body: rssFeed("Battery Weekly", [item("d2", "Lithium output rises in Chile"), item("d1", "Lithium prices slide")]) }));
    clock.advance(15 * 60_000);
    const beforeSecond = sharedFetches();
    await app.poll({ force: true });
    expect(sharedFetches() - beforeSecond).toBe(1);
    await app.relay.drain();

    const dm = (user: string) => slackPosts(`D${user}`);
    expect(dm(workspaces.A.member)).toContain("New rare earth quotas set");
    expect(dm(workspaces.A.member)).not.toContain("Robotaxi");
    expect(dm(workspaces.B.member)).toContain("Robotaxi fleet doubles");
    expect(dm(workspaces.B.member)).toContain("New rare earth quotas set");
    const discordDm = (user: string) => discordPosts(discord.dmChannels.get(user) ?? "none");
    expect(discordDm(MEMBER_C.id)).toContain("New rare earth quotas set");
    expect(discordDm(MEMBER_C.id)).not.toContain("Lithium");
    expect(discordDm(MEMBER_D.id)).toContain("Lithium output rises");
    expect(discordDm(MEMBER_D.id)).not.toContain("rare earth");

    // Channel digests: each channel gets its own team's topics from its own feeds, nothing else.
    expect(await onSlack("A", "digest here 0 9 * * * solar tz:Europe/Berlin")).toMatch(/This channel gets a digest/);
    expect(await onSlack("B", 'digest here "0 9 * * *"')).toMatch(/This channel gets a digest/);
    expect(await onDiscord("C", "digest-here", { schedule: "0 9 * * *" })).toMatch(/This channel gets a digest/);
    expect(await onDiscord("D", "digest-here", { schedule: "0 9 * * *", topics: "batteries", tz: "Asia/Tokyo" })).toMatch(/Asia\/Tokyo/);
    expect(await app.runChatDigests()).toBeGreaterThanOrEqual(4);
    await app.relay.drain();

    const digests = {
      A: slackPosts(workspaces.A.channel),
      B: slackPosts(workspaces.B.channel),
      C: discordPosts(discord.channelId),
      D: discordPosts(secondGuild.channelId),
    };
    expect(digests.A).toContain("Solar subsidies cut");
    // A topic's display name heads its section, not its id.
    expect(digests.A).toContain("Sunny side");
    expect(digests.B).toContain("Robotaxi permits expand");
    expect(digests.B).toContain("Chip export controls tighten");
    expect(digests.C).toContain("Drone makers face new rules");
    expect(digests.D).toContain("Lithium prices slide");
    const own = { A: "Solar", B: "Robotaxi", C: "Drone", D: "Lithium" } as const;
    for (const [team, posts] of Object.entries(digests)) {
      for (const [other, word] of Object.entries(own)) if (other !== team) expect(posts, `${team} must not see ${other}'s ${word}`).not.toContain(word);
      expect(posts, `${team} must not see the config's own feed`).not.toContain("Config wire story");
    }

    // A digest runs once per slot: a second check on the same tick posts nothing.
    expect(await app.runChatDigests()).toBe(0);

    // The audit tells each team who changed what, and only its own changes.
    const auditOfB = await onSlack("B", "audit");
    expect(auditOfB).toMatch(/slack:U0ADMINB digest\.set slack:C0BBB/);
    expect(auditOfB).toMatch(/slack:U0ADMINB topic\.add chips/);
    expect(auditOfB).not.toMatch(/U0ADMINA|discord:/);
    expect(await onDiscord("C", "audit")).toMatch(/discord:1300000000000000901 feed\.add/);
  }, 60_000);
});
