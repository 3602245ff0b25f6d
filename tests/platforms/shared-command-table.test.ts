import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { BriefCommand } from "../../src/commands/brief-command.js";
import { createManualClock } from "../../src/domain/clock.js";
import { createSlackPlatform, type SlackPlatform } from "../../src/platforms/slack/index.js";
import { PERMISSIONS } from "../fakes/fake-discord.js";
import { startFakeSlackApi, type FakeSlackApi } from "../fakes/fake-slack-api.js";
import { createRecordingCommandHandler } from "../fakes/recording-command-handler.js";
import { ALICE, startHarness, type Harness } from "./discord/discord-harness.js";
import { ack } from "./discord/discord-test-data.js";
import { BOT_TOKEN, captureLog, postToSlackApp, SIGNING_SECRET, slashCommandForm } from "./slack/slack-test-kit.js";

/**
 * One table, both platforms: each row is typed as a Slack user types it and chosen as a Discord user
 * chooses it. The same command must reach the shared handler, with the same rights, and the answer
 * must be shown to the same people. A difference between the adapters fails here.
 */
const table: Array<{ slack: string; discord: { subcommand: string; options?: Record<string, string | boolean> }; command: BriefCommand; admin: boolean; visibility: "ephemeral" | "channel" }> = [
  { slack: "search H200 since:7d", discord: { subcommand: "search", options: { query: "H200 since:7d" } }, command: { name: "search", query: "H200 since:7d" }, admin: false, visibility: "ephemeral" },
  { slack: 'watch "export controls"', discord: { subcommand: "watch", options: { query: '"export controls"' } }, command: { name: "watch", query: '"export controls"', channel: null }, admin: false, visibility: "ephemeral" },
  { slack: "unwatch 12", discord: { subcommand: "unwatch", options: { id: "12" } }, command: { name: "unwatch", watchId: "12" }, admin: false, visibility: "ephemeral" },
  { slack: "watches", discord: { subcommand: "watches" }, command: { name: "watches" }, admin: false, visibility: "ephemeral" },
  { slack: "digest", discord: { subcommand: "digest" }, command: { name: "digest", now: false }, admin: false, visibility: "ephemeral" },
  { slack: "digest now", discord: { subcommand: "digest", options: { now: true } }, command: { name: "digest", now: true }, admin: false, visibility: "ephemeral" },
  { slack: "digest now", discord: { subcommand: "digest", options: { now: true } }, command: { name: "digest", now: true }, admin: true, visibility: "channel" },
  { slack: "topics", discord: { subcommand: "topics" }, command: { name: "topics" }, admin: false, visibility: "ephemeral" },
  { slack: "feeds", discord: { subcommand: "feeds" }, command: { name: "feeds" }, admin: false, visibility: "ephemeral" },
  { slack: "help", discord: { subcommand: "help" }, command: { name: "help" }, admin: false, visibility: "ephemeral" },
  { slack: "feeds add https://example.org/news", discord: { subcommand: "feeds-add", options: { url: "https://example.org/news" } }, command: { name: "feeds-add", url: "https://example.org/news" }, admin: true, visibility: "ephemeral" },
  { slack: "feeds remove feed-0a1b2c3d4e", discord: { subcommand: "feeds-remove", options: { id: "feed-0a1b2c3d4e" } }, command: { name: "feeds-remove", feedId: "feed-0a1b2c3d4e" }, admin: true, visibility: "ephemeral" },
  { slack: "topics add chips H200 OR B30A", discord: { subcommand: "topics-add", options: { id: "chips", query: "H200 OR B30A" } }, command: { name: "topics-add", topicId: "chips", query: "H200 OR B30A", displayName: null }, admin: true, visibility: "ephemeral" },
  { slack: 'topics add chips H200 OR B30A name:"AI chips"', discord: { subcommand: "topics-add", options: { id: "chips", query: "H200 OR B30A", name: "AI chips" } }, command: { name: "topics-add", topicId: "chips", query: "H200 OR B30A", displayName: "AI chips" }, admin: true, visibility: "ephemeral" },
  { slack: "aliases", discord: { subcommand: "aliases" }, command: { name: "aliases" }, admin: false, visibility: "ephemeral" },
  { slack: "aliases add @chips H200 OR B30A", discord: { subcommand: "aliases-add", options: { name: "chips", query: "H200 OR B30A" } }, command: { name: "aliases-add", alias: "chips", query: "H200 OR B30A" }, admin: true, visibility: "ephemeral" },
  { slack: "aliases remove chips", discord: { subcommand: "aliases-remove", options: { name: "@chips" } }, command: { name: "aliases-remove", alias: "chips" }, admin: false, visibility: "ephemeral" },
  { slack: "topics remove chips", discord: { subcommand: "topics-remove", options: { id: "chips" } }, command: { name: "topics-remove", topicId: "chips" }, admin: false, visibility: "ephemeral" },
  { slack: "topics test H200", discord: { subcommand: "topics-test", options: { query: "H200" } }, command: { name: "topics-test", query: "H200" }, admin: false, visibility: "ephemeral" },
  { slack: "digest here 0 9 * * 1-5 chips tz:Europe/Berlin", discord: { subcommand: "digest-here", options: { schedule: "0 9 * * 1-5", topics: "chips", tz: "Europe/Berlin" } }, command: { name: "digest-here", schedule: "0 9 * * 1-5", topics: ["chips"], timeZone: "Europe/Berlin" }, admin: true, visibility: "ephemeral" },
  { slack: "digest off", discord: { subcommand: "digest-off" }, command: { name: "digest-off" }, admin: true, visibility: "ephemeral" },
  { slack: "audit", discord: { subcommand: "audit" }, command: { name: "audit" }, admin: true, visibility: "ephemeral" },
];

const handler = createRecordingCommandHandler({
  answers: { digest: (command) => ({ visibility: command.name === "digest" && command.now ? "channel" : "ephemeral", kind: "text", text: "digest answer" }) },
});
const clock = createManualClock("2026-01-15T02:00:00.000Z");
let slackApi: FakeSlackApi;
let slack: SlackPlatform;
let slackUrl: string;
let discord: Harness;

beforeAll(async () => {
  slackApi = await startFakeSlackApi({ botToken: BOT_TOKEN, users: { U0MEMBER: {}, U0ADMIN: { is_admin: true } } });
  slack = createSlackPlatform({ botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: slackApi.apiUrl, port: 0, host: "127.0.0.1", handler, admins: [], log: captureLog(), clock });
  slackUrl = `http://127.0.0.1:${(await slack.start()).port}`;
  discord = await startHarness({ handler, platform: { admins: [] } });
});
afterAll(async () => {
  await slack.stop();
  await slackApi.close();
  await discord.close();
});

async function onSlack(text: string, admin: boolean) {
  const before = { calls: handler.calls.length, responses: slackApi.responses.length };
  const body = slashCommandForm({ text, user_id: admin ? "U0ADMIN" : "U0MEMBER", response_url: slackApi.responseUrl(`t${before.calls}`) });
  expect((await postToSlackApp(slackUrl, body, { timestampSec: Math.floor(clock.now().getTime() / 1000) })).status).toBe(200);
  await vi.waitFor(() => expect(slackApi.responses.length).toBeGreaterThan(before.responses));
  const response = slackApi.responses[before.responses]!.body;
  return { call: handler.calls[before.calls], visibility: response.response_type === "in_channel" ? "channel" : "ephemeral" };
}

async function onDiscord(spec: { subcommand: string; options?: Record<string, string | boolean> }, admin: boolean) {
  const before = handler.calls.length;
  const { id } = discord.fake.dispatch({ ...spec, user: ALICE, permissions: admin ? PERMISSIONS.manageGuild : PERMISSIONS.member });
  await discord.fake.waitFor(() => discord.log.entries.some((e) => (e.fields as { interaction_id?: string }).interaction_id === id), spec.subcommand);
  const responses = discord.fake.responsesTo(id);
  // A deferred answer that turned out to be for the channel is posted as a public follow-up.
  const publicAnswer = responses.some((r, i) => (i === 0 ? !ack(r).ephemeral && ack(r).type === 4 : r.kind === "follow-up" && !ack(r).ephemeral));
  return { call: handler.calls[before], visibility: publicAnswer ? "channel" : "ephemeral" };
}

describe("/brief behaves the same on Slack and Discord", () => {
  it.each(table)("$slack (admin: $admin)", async (row) => {
    const viaSlack = await onSlack(row.slack, row.admin);
    const viaDiscord = await onDiscord(row.discord, row.admin);
    expect(viaSlack.call?.command).toEqual(row.command);
    expect(viaDiscord.call?.command).toEqual(row.command);
    expect(viaSlack.call?.invoker.isPlatformAdmin).toBe(row.admin);
    expect(viaDiscord.call?.invoker.isPlatformAdmin).toBe(row.admin);
    expect(viaSlack.visibility).toBe(row.visibility);
    expect(viaDiscord.visibility).toBe(row.visibility);
  });
});
