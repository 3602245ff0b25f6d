import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SLACK_SCOPES } from "../../src/platforms/slack/index.js";
import { FAKE_DISCORD_TOKEN, startFakeDiscord, type FakeDiscord } from "../fakes/fake-discord.js";
import { startFakeSlackApi, type FakeSlackApi } from "../fakes/fake-slack-api.js";
import { startFeedServer, type FeedServer } from "../fakes/feed-server.js";
import { rssFeed } from "../fakes/feed-xml.js";
import { runCliCaptured } from "../fakes/run-cli.js";

const SLACK_TOKEN = "xoxb-1000-2000-doctorgoodtoken";
let slack: FakeSlackApi;
let discord: FakeDiscord;
let feeds: FeedServer;
let webhookUrl: string;

beforeAll(async () => {
  slack = await startFakeSlackApi({
    botToken: SLACK_TOKEN,
    scopes: [...SLACK_SCOPES],
    channels: [
      { id: "C0NEWS", name: "news" },
      { id: "C0QUIET", name: "quiet", isMember: false },
    ],
  });
  discord = await startFakeDiscord();
  webhookUrl = discord.createWebhook(discord.channelId).url;
  feeds = await startFeedServer();
  feeds.route("/live.xml", (_req, res) => void res.writeHead(200, { "content-type": "application/rss+xml" }).end(rssFeed("Live", [{ guid: "1", title: "Export controls tightened", link: "https://example.org/1", pubDate: "Tue, 13 Jan 2026 10:00:00 GMT" }])));
  feeds.route("/dead.xml", (_req, res) => void res.writeHead(503).end("down"));
}, 30_000);

afterAll(async () => {
  await Promise.all([slack?.close(), discord?.close(), feeds?.close()]);
});

async function config(options: { digests: string[]; dead?: boolean }): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), "briefing-doctor-"));
  const file = path.join(folder, "briefing.yaml");
  await writeFile(
    file,
    `storage: { path: ${JSON.stringify(path.join(folder, "briefing.db"))} }
poll: { every: 10m, allow_private_networks: true, timeout: 5s }
sources:
  - { id: live-wire, url: "${feeds.url("/live.xml")}" }
${options.dead ? `  - { id: dead-wire, url: "${feeds.url("/dead.xml")}" }\n` : ""}topics:
  - { id: export-controls, name: Export controls, query: '"export controls"' }
digests:
${options.digests.map((to) => `  - { to: "${to}" }`).join("\n")}
`,
  );
  return file;
}

const goodEnv = () => ({
  SLACK_BOT_TOKEN: SLACK_TOKEN,
  SLACK_APP_TOKEN: "xapp-1-doctor",
  SLACK_API_URL: slack.apiUrl,
  DISCORD_TOKEN: FAKE_DISCORD_TOKEN,
  DISCORD_APPLICATION_ID: "1300000000000000000",
  DISCORD_API_URL: discord.apiUrl,
  DISCORD_WEBHOOK_NEWS: webhookUrl,
});

const lines = (stdout: string) => stdout.trim().split("\n");

describe("briefing doctor", () => {
  it("passes every check of a working install, one ✓ line each, and exits 0", async () => {
    const file = await config({ digests: ["slack:#news", `discord:${discord.channelId}`, "discord-webhook:DISCORD_WEBHOOK_NEWS"] });
    const { code, stdout } = await runCliCaptured(["doctor", "--config", file], { env: goodEnv() });
    expect(code).toBe(0);
    const out = lines(stdout);
    for (const name of ["config", "store", "slack mode", "slack token", "slack scopes", "slack channel #news", "discord token", `discord channel ${discord.channelId}`, "discord webhook DISCORD_WEBHOOK_NEWS", "feed live-wire"]) {
      expect(out.find((line) => line.startsWith(`✓ ${name}:`)), name).toBeDefined();
    }
    expect(out.at(-1)).toBe("all 10 checks passed");
  });

  it("names bad Slack and Discord tokens with what to do, exits 1, and never prints a token", async () => {
    const file = await config({ digests: ["slack:#news", `discord:${discord.channelId}`] });
    const wrongSlack = "xoxb-1000-2000-revokedtoken";
    const wrongDiscord = "MTMwMDAwMDAwMDAwMDAwMDAwMQ.Wr0ng.n0tTh3R1ghtT0k3nAtAllForThisB0t";
    const { code, stdout, stderr } = await runCliCaptured(["doctor", "--config", file], { env: { ...goodEnv(), SLACK_BOT_TOKEN: wrongSlack, DISCORD_TOKEN: wrongDiscord } });
    expect(code).toBe(1);
    expect(stdout).toMatch(/^✗ slack token: auth\.test failed: invalid_auth → set SLACK_BOT_TOKEN/m);
    expect(stdout).toMatch(/^✗ discord token: \/users\/@me failed: 401 .* → set DISCORD_TOKEN/m);
    expect(stdout).toMatch(/^✓ feed live-wire/m);
    expect(lines(stdout).at(-1)).toMatch(/^2 of \d+ checks failed$/);
    for (const secret of [wrongSlack, wrongDiscord, SLACK_TOKEN]) expect(stdout + stderr).not.toContain(secret);
  });

  it("finds a missing channel, a channel without the bot, a forbidden or read-only channel, an unset webhook and missing scopes", async () => {
    const forbidden = discord.otherChannelId;
    discord.forbiddenChannels.add(forbidden);
    discord.readOnlyChannels.add(discord.channelId);
    const scoped = await startFakeSlackApi({ botToken: SLACK_TOKEN, scopes: ["chat:write", "commands"], channels: [{ id: "C0NEWS", name: "news" }, { id: "C0QUIET", name: "quiet", isMember: false }] });
    try {
      const file = await config({ digests: ["slack:#gone", "slack:#quiet", "discord:1300000000000009999", `discord:${forbidden}`, `discord:${discord.channelId}`, "discord-webhook:DISCORD_WEBHOOK_UNSET"] });
      const { code, stdout } = await runCliCaptured(["doctor", "--config", file, "--json"], { env: { ...goodEnv(), SLACK_API_URL: scoped.apiUrl } });
      expect(code).toBe(1);
      const report = JSON.parse(stdout) as { ok: boolean; checks: Array<{ name: string; ok: boolean; detail: string; fix?: string }> };
      expect(report.ok).toBe(false);
      const failed = Object.fromEntries(report.checks.filter((check) => !check.ok).map((check) => [check.name, check]));
      expect(failed["slack channel #gone"]?.detail).toMatch(/no such channel/);
      expect(failed["slack channel #quiet"]?.fix).toMatch(/\/invite/);
      expect(failed["slack scopes"]?.detail).toMatch(/missing im:write, users:read, channels:read/);
      expect(failed["discord channel 1300000000000009999"]?.detail).toBe("no such channel");
      expect(failed[`discord channel ${forbidden}`]?.detail).toMatch(/may not see or post/);
      expect(failed[`discord channel ${discord.channelId}`]?.detail).toMatch(/the bot lacks Send Messages$/);
      expect(failed["discord webhook DISCORD_WEBHOOK_UNSET"]?.detail).toBe("DISCORD_WEBHOOK_UNSET is not set");
      expect(report.checks.find((check) => check.name === "slack token")?.ok).toBe(true);
      expect(report.checks.every((check) => check.ok || (check.fix ?? "").length > 0)).toBe(true);
    } finally {
      discord.forbiddenChannels.delete(forbidden);
      discord.readOnlyChannels.delete(discord.channelId);
      await scoped.close();
    }
  });

  it.each([
    ["ready", { SLACK_CLIENT_SECRET: "client-secret-doctor-123", BRIEFING_SECRET_KEY: "b".repeat(64), SLACK_SIGNING_SECRET: "signing-doctor-123" }, true, /Add to Slack at \/slack\/install/],
    ["without a key", { SLACK_CLIENT_SECRET: "client-secret-doctor-123", SLACK_SIGNING_SECRET: "signing-doctor-123" }, false, /needs BRIEFING_SECRET_KEY$/],
    ["in Socket Mode", { SLACK_CLIENT_SECRET: "client-secret-doctor-123", BRIEFING_SECRET_KEY: "b".repeat(64), SLACK_APP_TOKEN: "xapp-1-doctor" }, false, /needs HTTP mode/],
  ])("checks the multi-workspace install setup (%s) and leaves team-qualified digests to the running bot", async (_case, extra, ok, detail) => {
    const file = await config({ digests: ["slack:#news", "slack:T0OTHER/#elsewhere"] });
    const { stdout } = await runCliCaptured(["doctor", "--config", file, "--json"], { env: { SLACK_BOT_TOKEN: SLACK_TOKEN, SLACK_API_URL: slack.apiUrl, SLACK_CLIENT_ID: "1.2", ...extra } });
    const checks = (JSON.parse(stdout) as { checks: Array<{ name: string; ok: boolean; detail: string }> }).checks;
    expect(checks.find((check) => check.name === "slack install")).toMatchObject({ ok, detail: expect.stringMatching(detail) });
    expect(checks.map((check) => check.name)).toContain("slack channel #news");
    expect(checks.map((check) => check.name).filter((name) => name.includes("elsewhere"))).toEqual([]);
    expect(stdout).not.toContain("client-secret-doctor-123");
  });

  it("reports a dead feed and still checks the others", async () => {
    const file = await config({ digests: ["console"], dead: true });
    const { code, stdout } = await runCliCaptured(["doctor", "--config", file]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^✗ feed dead-wire: .*503.* → check the URL/m);
    expect(stdout).toMatch(/^✓ feed live-wire: answers with 1 item\(s\)$/m);
    expect(stdout).toMatch(/^✓ config: .*: 2 sources, 1 topic, 1 digest$/m);
    expect(lines(stdout).at(-1)).toBe("1 of 4 checks failed");
  });

  it("stops at a broken config with its problems, exit 1", async () => {
    const folder = await mkdtemp(path.join(tmpdir(), "briefing-doctor-"));
    const file = path.join(folder, "bad.yaml");
    await writeFile(file, "sources: []\ntopics: []\n");
    const { code, stdout } = await runCliCaptured(["doctor", "--config", file]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^✗ config: .*add at least one source.* → fix the file/m);
  });
});
