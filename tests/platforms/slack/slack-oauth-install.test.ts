import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createManualClock } from "../../../src/domain/clock.js";
import type { OutboundPayload, OutboxMessage } from "../../../src/domain/outbound.js";
import { DeliveryError } from "../../../src/outbox/delivery-error.js";
import { createSlackPlatform, type SlackPlatform } from "../../../src/platforms/slack/index.js";
import { createOutboxRelay } from "../../../src/outbox/index.js";
import { createSecretBox, createSqliteInstallationStore, createSqliteStore, openDatabase, type InstallationStore } from "../../../src/store/index.js";
import { createFakeCommandHandler, type FakeCommandHandler } from "../../fakes/fake-command-handler.js";
import { startFakeSlackApi, type FakeSlackApi } from "../../fakes/fake-slack-api.js";
import { BOT_TOKEN, captureLog, postToSlackApp, SIGNING_SECRET, slashCommandForm } from "./slack-test-kit.js";

const clock = createManualClock("2026-03-02T09:00:00Z");
const nowSec = () => Math.floor(clock.now().getTime() / 1000);
const KEY = Buffer.alloc(32, 7);
const CLIENT = { clientId: "1111.2222", clientSecret: "client-secret-abcdef123456" };
const TOKEN_A = "xoxb-team-a-0000-installedsecret";
const TOKEN_B = "xoxb-team-b-0000-installedsecret";

let fake: FakeSlackApi;
let platform: SlackPlatform;
let baseUrl: string;
let dir: string;
let db: Database.Database;
let installations: InstallationStore;
let log: ReturnType<typeof captureLog>;
let handler: FakeCommandHandler;
let homeAsked: Array<{ workspaceId: string; isDefault: boolean }>;

beforeEach(async () => {
  fake = await startFakeSlackApi({
    botToken: BOT_TOKEN,
    channels: [{ id: "C0GEN", name: "general" }],
    users: { U0ANN: { is_admin: true } },
    oauth: {
      ...CLIENT,
      grants: [
        { code: "code-a", teamId: "T0AAA", teamName: "Alpha <News>", botToken: TOKEN_A, installerId: "U0ANN" },
        { code: "code-b", teamId: "T0BBB", teamName: "Beta", botToken: TOKEN_B, installerId: "U0BOB" },
      ],
    },
  });
  homeAsked = [];
  dir = mkdtempSync(join(tmpdir(), "briefing-oauth-"));
  db = openDatabase(join(dir, "briefing.db"));
  installations = createSqliteInstallationStore(db, createSecretBox(KEY));
  log = captureLog();
  platform = createSlackPlatform({
    botToken: BOT_TOKEN,
    oauth: { ...CLIENT, installations },
    signingSecret: SIGNING_SECRET,
    apiUrl: fake.apiUrl,
    port: 0,
    host: "127.0.0.1",
    handler: (handler = createFakeCommandHandler()),
    home: { tenantHome: async (workspace) => (homeAsked.push(workspace), { feeds: [], digests: [] }) },
    admins: [],
    log,
    clock,
    pacing: { intervalMs: 0 },
  });
  baseUrl = `http://127.0.0.1:${(await platform.start()).port}`;
});

afterEach(async () => {
  await platform.stop();
  await fake.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Opens /slack/install as a browser would: the state from Slack's authorize link and the cookie pinning it. */
async function startInstall(): Promise<{ state: string; cookie: string; page: string }> {
  const response = await fetch(`${baseUrl}/slack/install`);
  expect(response.status).toBe(200);
  const page = await response.text();
  const link = /href="([^"]+)"/.exec(page)?.[1]?.replace(/&amp;/g, "&") ?? "";
  const authorize = new URL(link);
  expect(authorize.searchParams.get("client_id")).toBe(CLIENT.clientId);
  expect(authorize.searchParams.get("scope")).toContain("chat:write");
  const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0]!;
  return { state: authorize.searchParams.get("state") ?? "", cookie, page };
}

async function redirect(code: string, state: string, cookie: string) {
  const response = await fetch(`${baseUrl}/slack/oauth_redirect?code=${code}&state=${encodeURIComponent(state)}`, { headers: { cookie } });
  return { status: response.status, page: await response.text() };
}

async function install(code: string): Promise<void> {
  const { state, cookie } = await startInstall();
  expect((await redirect(code, state, cookie)).status).toBe(200);
}

function postEvent(teamId: string, event: Record<string, unknown>) {
  const body = JSON.stringify({ type: "event_callback", team_id: teamId, api_app_id: "A0APP", event_id: `Ev${Math.random().toString(36).slice(2)}`, event_time: nowSec(), event });
  return postToSlackApp(baseUrl, body, { timestampSec: nowSec(), headers: { "content-type": "application/json" } });
}

function message(target: string): OutboxMessage {
  const now = clock.now().toISOString();
  const payload = { kind: "slack", text: "Morning digest", blocks: [{ type: "section", text: { type: "mrkdwn", text: "Morning digest" } }], unfurl_links: false, unfurl_media: false } satisfies OutboundPayload;
  return { id: 1, key: `digest:${target}`, target, group: "digest:news", part: 0, payload, status: "pending", attempts: 0, nextAttemptAt: now, createdAt: now, sentAt: null, platformMessageId: null, lastError: null };
}

describe("Slack install in many workspaces", () => {
  it("exchanges the code at oauth.v2.access and keeps the installation sealed, the token absent from the database file", async () => {
    const { state, cookie } = await startInstall();
    const done = await redirect("code-a", state, cookie);
    expect(done.status).toBe(200);
    expect(done.page).toContain("Alpha &lt;News&gt;");
    expect(fake.callsTo("oauth.v2.access")).toHaveLength(1);
    expect(fake.callsTo("oauth.v2.access")[0]!.args).toMatchObject({ code: "code-a", client_id: CLIENT.clientId });

    expect(await installations.listInstallations()).toEqual([
      { tenantId: "slack:T0AAA", platform: "slack", teamName: "Alpha <News>", installedBy: "U0ANN", installedAt: clock.now().toISOString() },
    ]);
    expect(JSON.parse((await installations.getInstallation("slack:T0AAA"))!.record).bot.token).toBe(TOKEN_A);
    db.pragma("wal_checkpoint(TRUNCATE)");
    const raw = readFileSync(join(dir, "briefing.db"));
    expect(raw.includes(Buffer.from("slack:T0AAA"))).toBe(true);
    expect(raw.includes(Buffer.from(TOKEN_A))).toBe(false);
    expect(raw.includes(Buffer.from("installedsecret"))).toBe(false);
    expect(log.lines.map((line) => JSON.parse(line) as Record<string, unknown>)).toContainEqual(
      expect.objectContaining({ msg: "slack workspace installed", team_id: "T0AAA", installer_id: "U0ANN" }),
    );
    expect(log.text()).not.toContain("installedsecret");
    expect(log.text()).not.toContain(CLIENT.clientSecret);
  });

  it.each([
    ["replayed", async () => {
      const { state, cookie } = await startInstall();
      expect((await redirect("code-a", state, cookie)).status).toBe(200);
      return { state, cookie, code: "code-b" };
    }],
    ["forged", async () => {
      const { cookie } = await startInstall();
      const forged = "bm90LWlzc3VlZA.c2lnbmF0dXJl";
      return { state: forged, cookie: `slack-app-oauth-state=${forged}`, code: "code-b" };
      void cookie;
    }],
    ["from another browser", async () => {
      const { state } = await startInstall();
      const other = await startInstall();
      return { state, cookie: other.cookie, code: "code-b" };
    }],
  ])("refuses a %s state with a clear page and exchanges nothing", async (_kind, make) => {
    const { state, cookie, code } = await make();
    const exchanges = fake.callsTo("oauth.v2.access").length;
    const refused = await redirect(code, state, cookie);
    expect(refused.status).toBe(400);
    expect(refused.page).toContain("This install link is not valid");
    expect(refused.page).toContain('href="/slack/install"');
    expect(fake.callsTo("oauth.v2.access")).toHaveLength(exchanges);
    expect(await installations.getInstallation("slack:T0BBB")).toBeNull();
  });

  it("shows Slack's refusal of a bad code without leaking the client secret", async () => {
    const { state, cookie } = await startInstall();
    const refused = await redirect("code-unknown", state, cookie);
    expect(refused.status).toBe(502);
    expect(refused.page).toContain("invalid_code");
    expect(refused.page).not.toContain(CLIENT.clientSecret);
  });

  it.each([
    ["cancelled in Slack", "error=access_denied", "The install was cancelled in Slack."],
    ["missing Slack's code", "", "Slack&#39;s code is missing."],
  ])("answers a redirect %s with a page saying so", async (_case, query, text) => {
    const { state, cookie } = await startInstall();
    const response = await fetch(`${baseUrl}/slack/oauth_redirect?${query}&state=${encodeURIComponent(state)}`, { headers: { cookie } });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain(text);
    expect(fake.callsTo("oauth.v2.access")).toEqual([]);
  });

  it("serves the install pages to GET only", async () => {
    expect((await fetch(`${baseUrl}/slack/install`, { method: "POST" })).status).toBe(405);
  });

  it("authorises each workspace's commands with its own token", async () => {
    await install("code-a");
    const body = slashCommandForm({ team_id: "T0AAA", user_id: "U0ANN", text: "topics", response_url: fake.responseUrl("a") });
    expect((await postToSlackApp(baseUrl, body, { timestampSec: nowSec() })).status).toBe(200);
    await vi.waitFor(() => expect(fake.responses).toHaveLength(1));
    expect(fake.callsTo("users.info").map((call) => call.token)).toEqual([TOKEN_A]);
    // Watches made here are delivered in this workspace, with its token.
    expect(handler.calls[0]!.invoker).toMatchObject({ workspaceId: "T0AAA", targetScope: "T0AAA/" });
  });

  it("keeps serving the SLACK_BOT_TOKEN workspace with that token", async () => {
    const body = slashCommandForm({ user_id: "U0ANN", text: "topics", response_url: fake.responseUrl("d") });
    await postToSlackApp(baseUrl, body, { timestampSec: nowSec() });
    await vi.waitFor(() => expect(fake.responses).toHaveLength(1));
    expect(handler.calls[0]!.invoker).toMatchObject({ workspaceId: "T0FAKE", isPlatformAdmin: true });
    expect(handler.calls[0]!.invoker.targetScope).toBeUndefined();
    expect(fake.callsTo("users.info").map((call) => call.token)).toEqual([BOT_TOKEN]);
  });

  it("runs with installs only, without SLACK_BOT_TOKEN", async () => {
    await platform.stop();
    const authTests = fake.callsTo("auth.test").length;
    platform = createSlackPlatform({ oauth: { ...CLIENT, installations }, signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl, port: 0, host: "127.0.0.1", handler, admins: [], log, clock, pacing: { intervalMs: 0 } });
    baseUrl = `http://127.0.0.1:${(await platform.start()).port}`;
    await install("code-b");
    await platform.sender.send(message("slack:T0BBB/#general"));
    expect(fake.callsTo("chat.postMessage").map((call) => call.token)).toEqual([TOKEN_B]);
    await expect(platform.sender.send(message("slack:#general"))).rejects.toThrow(/names no workspace, and there is no SLACK_BOT_TOKEN/);
    // Bolt asks auth.test for the new bot's id during the install; nothing else is checked at start.
    expect(fake.callsTo("auth.test").slice(authTests).map((call) => call.token)).toEqual([TOKEN_B]);
  });

  it("refuses commands from a workspace that never installed the bot", async () => {
    const body = slashCommandForm({ team_id: "T0NOPE", text: "topics", response_url: fake.responseUrl("n") });
    await postToSlackApp(baseUrl, body, { timestampSec: nowSec() });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(handler.calls).toEqual([]);
    expect(fake.responses).toEqual([]);
  });

  it("sends with the token of the target's workspace, and plain targets with SLACK_BOT_TOKEN", async () => {
    await install("code-a");
    await install("code-b");
    await platform.sender.send(message("slack:T0BBB/#general"));
    await platform.sender.send(message("slack:T0AAA/C0GEN"));
    await platform.sender.send(message("slack:#general"));
    expect(fake.callsTo("chat.postMessage").map((call) => [call.token, call.args.channel])).toEqual([
      [TOKEN_B, "C0GEN"],
      [TOKEN_A, "C0GEN"],
      [BOT_TOKEN, "C0GEN"],
    ]);
  });

  it.each([
    ["app_uninstalled", { type: "app_uninstalled" }],
    ["tokens_revoked", { type: "tokens_revoked", tokens: { bot: ["U0BOTT0AAA"] } }],
  ])("%s deletes the workspace's tokens and its targets are refused for the outbox to pause", async (_name, event) => {
    await install("code-a");
    await install("code-b");
    expect((await postEvent("T0AAA", event)).status).toBe(200);
    await vi.waitFor(async () => expect(await installations.getInstallation("slack:T0AAA")).toBeNull());
    expect(await installations.getInstallation("slack:T0BBB")).not.toBeNull();
    const refused = await platform.sender.send(message("slack:T0AAA/#general")).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DeliveryError);
    expect(refused).toMatchObject({ failure: "permanent", scope: "target" });
    expect((refused as Error).message).toContain("not installed in Slack workspace T0AAA");
    expect(fake.callsTo("chat.postMessage").filter((call) => call.token === TOKEN_A)).toEqual([]);
    await platform.sender.send(message("slack:T0BBB/#general"));
    expect(fake.callsTo("chat.postMessage").map((call) => call.token)).toEqual([TOKEN_B]);
  });

  it("publishes an installed workspace's Home tab with its own token, not as the default workspace", async () => {
    await install("code-a");
    await postEvent("T0AAA", { type: "app_home_opened", user: "U0ANN", channel: "D0A", tab: "home", event_ts: `${nowSec()}.000100` });
    await vi.waitFor(() => expect(fake.views).toHaveLength(1));
    expect(fake.views[0]).toMatchObject({ userId: "U0ANN", token: TOKEN_A });
    expect(homeAsked).toEqual([{ workspaceId: "T0AAA", isDefault: false }]);
  });

  it("after an uninstall the relay pauses the workspace's target; its messages wait for briefing outbox retry", async () => {
    await install("code-a");
    await postEvent("T0AAA", { type: "app_uninstalled" });
    await vi.waitFor(async () => expect(await installations.getInstallation("slack:T0AAA")).toBeNull());
    const store = createSqliteStore(db);
    const relay = createOutboxRelay({ store, clock, log: { info: () => undefined, warn: () => undefined }, senderFor: () => platform.sender, random: () => 0.5 });
    const parts = [0, 1].map((part) => ({ ...message("slack:T0AAA/#general"), key: `digest:a:${part}`, part }));
    await store.enqueue(parts, clock.now().toISOString());
    expect(await relay.drain()).toBe(0);
    expect(await store.pausedTargets()).toEqual([expect.objectContaining({ target: "slack:T0AAA/#general", reason: expect.stringContaining("not installed") })]);
    expect((await store.listOutbox(["pending", "failed"])).map((m) => [m.key, m.status])).toEqual([
      ["digest:a:0", "failed"],
      ["digest:a:1", "failed"],
    ]);
    expect(fake.callsTo("chat.postMessage")).toEqual([]);
  });

  it("a workspace whose token Slack refuses pauses only its own targets, not Slack for everyone", async () => {
    await install("code-a");
    await install("code-b");
    fake.failNext("chat.postMessage", { kind: "error", error: "token_revoked" });
    const refused = await platform.sender.send(message("slack:T0AAA/#general")).catch((error: unknown) => error);
    expect(refused).toMatchObject({ failure: "permanent", scope: "target", message: expect.stringContaining("Slack workspace T0AAA") });
    await platform.sender.send(message("slack:T0BBB/#general"));
    await platform.sender.send(message("slack:#general"));
    expect(fake.callsTo("chat.postMessage").map((call) => call.token)).toEqual([TOKEN_A, TOKEN_B, BOT_TOKEN]);
  });

  it("keeps the workspace when only user tokens are revoked", async () => {
    await install("code-a");
    await postEvent("T0AAA", { type: "tokens_revoked", tokens: { oauth: ["U0ANN"] } });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await installations.getInstallation("slack:T0AAA")).not.toBeNull();
  });
});
