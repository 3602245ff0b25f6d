import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createManualClock } from "../../../src/domain/clock.js";
import { createSlackPlatform, type SlackPlatform } from "../../../src/platforms/slack/index.js";
import { createFakeCommandHandler, type FakeCommandHandler } from "../../fakes/fake-command-handler.js";
import { startFakeSlackApi, type FakeSlackApi } from "../../fakes/fake-slack-api.js";
import { startFakeSlackSocket, type FakeSlackSocket } from "../../fakes/fake-slack-socket.js";
import { APP_TOKEN, BOT_TOKEN, captureLog, SIGNING_SECRET } from "./slack-test-kit.js";

let fake: FakeSlackApi;
let socket: FakeSlackSocket;
let handler: FakeCommandHandler;
let platform: SlackPlatform;
let log: ReturnType<typeof captureLog>;

beforeEach(async () => {
  socket = await startFakeSlackSocket();
  fake = await startFakeSlackApi({ botToken: BOT_TOKEN, appToken: APP_TOKEN, socketUrl: socket.url, users: { U0ALICE: {}, U0ADMIN: { is_admin: true } } });
  handler = createFakeCommandHandler();
  log = captureLog();
  platform = createSlackPlatform({
    botToken: BOT_TOKEN,
    appToken: APP_TOKEN,
    signingSecret: SIGNING_SECRET,
    apiUrl: fake.apiUrl,
    port: 0,
    handler,
    admins: [],
    log,
    clock: createManualClock("2026-03-02T09:00:00Z"),
  });
});

afterEach(async () => {
  await platform.stop();
  await socket.close();
  await fake.close();
});

function slashCommand(text: string, fields: Record<string, string> = {}) {
  return {
    token: "legacy-verification-token",
    team_id: "T0FAKE",
    channel_id: "C0NEWS",
    user_id: "U0ALICE",
    command: "/brief",
    text,
    api_app_id: "A0FAKE",
    trigger_id: "trigger-1",
    response_url: fake.responseUrl("socket"),
    ...fields,
  };
}

describe("Slack Socket Mode", () => {
  it("connects through apps.connections.open with the app token, and checks the bot token first", async () => {
    expect(await platform.start()).toEqual({ mode: "socket", port: null });
    await socket.connected();
    expect(fake.calls.map((call) => call.method)).toEqual(["auth.test", "apps.connections.open"]);
    expect(fake.callsTo("apps.connections.open")[0]!.token).toBe(APP_TOKEN);
    expect(fake.callsTo("auth.test")[0]!.token).toBe(BOT_TOKEN);
  });

  it("acknowledges a slash command envelope and answers on its response_url", async () => {
    await platform.start();
    await socket.connected();
    const ack = await socket.sendSlashCommand(slashCommand("watch nvidia in <#C0OPS|ops>", { user_id: "U0ADMIN" }));
    expect(ack.envelope_id).toEqual(expect.any(String));
    await vi.waitFor(() => expect(fake.responses).toHaveLength(1));
    expect(handler.calls).toEqual([
      {
        command: { name: "watch", query: "nvidia", channel: "C0OPS" },
        invoker: { platform: "slack", workspaceId: "T0FAKE", channelId: "C0NEWS", channelName: null, userId: "U0ADMIN", isPlatformAdmin: true },
      },
    ]);
    expect(fake.responses[0]!.body).toMatchObject({ response_type: "ephemeral", text: "ran watch", unfurl_links: false });
  });

  it("acknowledges before a slow handler is done", async () => {
    await platform.start();
    await socket.connected();
    let finish: () => void = () => undefined;
    handler.answerWith(() => new Promise((resolve) => (finish = () => resolve({ visibility: "channel", kind: "text", text: "done" }))));
    await socket.sendSlashCommand(slashCommand("digest now"));
    expect(fake.responses).toEqual([]);
    await vi.waitFor(() => expect(handler.calls).toHaveLength(1));
    finish();
    await vi.waitFor(() => expect(fake.responses.map((r) => r.body.response_type)).toEqual(["in_channel"]));
  });

  it("refuses to start with a bad bot token", async () => {
    const broken = createSlackPlatform({ botToken: "xoxb-wrong", appToken: APP_TOKEN, apiUrl: fake.apiUrl, port: 0, handler, admins: [], log, clock: createManualClock("2026-03-02T09:00:00Z") });
    await expect(broken.start()).rejects.toThrow(/invalid_auth/);
  });

  it("never writes a token to the log", async () => {
    await platform.start();
    await socket.connected();
    await socket.sendSlashCommand(slashCommand("search chips"));
    await vi.waitFor(() => expect(fake.responses).toHaveLength(1));
    expect(log.lines.length).toBeGreaterThan(0);
    for (const secret of [BOT_TOKEN, APP_TOKEN, SIGNING_SECRET]) expect(log.text()).not.toContain(secret);
  });
});
