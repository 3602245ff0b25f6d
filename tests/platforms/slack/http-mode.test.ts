import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createManualClock } from "../../../src/domain/clock.js";
import { BriefingError } from "../../../src/domain/errors.js";
import { createSlackPlatform, type SlackPlatform } from "../../../src/platforms/slack/index.js";
import { createFakeCommandHandler, type FakeCommandHandler } from "../../fakes/fake-command-handler.js";
import { startFakeSlackApi, type FakeSlackApi } from "../../fakes/fake-slack-api.js";
import { BOT_TOKEN, captureLog, postToSlackApp, SIGNING_SECRET, signSlackBody, slashCommandForm } from "./slack-test-kit.js";

const clock = createManualClock("2026-03-02T09:00:00Z");
const nowSec = () => Math.floor(clock.now().getTime() / 1000);

let fake: FakeSlackApi;
let handler: FakeCommandHandler;
let platform: SlackPlatform;
let baseUrl: string;
let log: ReturnType<typeof captureLog>;

beforeEach(async () => {
  fake = await startFakeSlackApi({ botToken: BOT_TOKEN, users: { U0ALICE: {}, U0ADMIN: { is_admin: true }, U0OWNER: { is_owner: true } } });
  handler = createFakeCommandHandler();
  log = captureLog();
  platform = createSlackPlatform({ botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl, port: 0, host: "127.0.0.1", handler, admins: ["U0LISTED"], log, clock });
  const started = await platform.start();
  baseUrl = `http://127.0.0.1:${started.port}`;
});

afterEach(async () => {
  await platform.stop();
  await fake.close();
});

/** Posts `/brief <text>` as Slack would and waits for the answer on the response_url. */
async function runCommand(text: string, fields: Record<string, string> = {}) {
  const before = fake.responses.length;
  const body = slashCommandForm({ text, response_url: fake.responseUrl("r1"), ...fields });
  const response = await postToSlackApp(baseUrl, body, { timestampSec: nowSec() });
  expect(response.status).toBe(200);
  await vi.waitFor(() => expect(fake.responses.length).toBeGreaterThan(before));
  return fake.responses[before]!.body;
}

describe("Slack HTTP mode", () => {
  it("runs a signed /brief with the invoker from the verified payload and answers only the asker", async () => {
    const answer = await runCommand("search export controls");
    expect(handler.calls).toEqual([
      {
        command: { name: "search", query: "export controls" },
        invoker: { platform: "slack", workspaceId: "T0FAKE", channelId: "C0NEWS", channelName: "news", userId: "U0ALICE", isPlatformAdmin: false },
      },
    ]);
    expect(answer).toMatchObject({ response_type: "ephemeral", text: "ran search", unfurl_links: false, unfurl_media: false });
  });

  it("acknowledges before the handler finishes", async () => {
    let finish: () => void = () => undefined;
    handler.answerWith(() => new Promise((resolve) => (finish = () => resolve({ visibility: "ephemeral", kind: "text", text: "slow" }))));
    const body = slashCommandForm({ text: "feeds", response_url: fake.responseUrl("slow") });
    const response = await postToSlackApp(baseUrl, body, { timestampSec: nowSec() });
    expect(response).toEqual({ status: 200, body: "" });
    expect(fake.responses).toEqual([]);
    await vi.waitFor(() => expect(handler.calls).toHaveLength(1));
    finish();
    await vi.waitFor(() => expect(fake.responses.map((r) => r.body.text)).toEqual(["slow"]));
  });

  it("posts to the channel when the reply is for the channel", async () => {
    handler.answerWith(() => ({ visibility: "channel", kind: "text", text: "posted" }));
    expect(await runCommand("digest now", { user_id: "U0ADMIN" })).toMatchObject({ response_type: "in_channel", text: "posted" });
    expect(handler.calls[0]!.invoker.isPlatformAdmin).toBe(true);
  });

  it.each([
    ["a workspace admin", "U0ADMIN", true, 1],
    ["a workspace owner", "U0OWNER", true, 1],
    ["a member", "U0ALICE", false, 1],
    ["a user on the config's allow-list", "U0LISTED", true, 0],
  ])("treats %s as platform admin: %s", async (_who, userId, admin, lookups) => {
    await runCommand("topics", { user_id: userId });
    expect(handler.calls[0]!.invoker.isPlatformAdmin).toBe(admin);
    expect(fake.callsTo("users.info")).toHaveLength(lookups);
  });

  it("takes the channel id of `in #channel` from Slack's mention, and the workspace from the payload", async () => {
    await runCommand("watch nvidia team:T0OTHER in <#C0OPS|ops>");
    expect(handler.calls[0]!.command).toEqual({ name: "watch", query: "nvidia team:T0OTHER", channel: "C0OPS" });
    expect(handler.calls[0]!.invoker).toMatchObject({ workspaceId: "T0FAKE", channelId: "C0NEWS", userId: "U0ALICE" });
  });

  it("answers a malformed command with its usage line, without calling the handler", async () => {
    expect(String((await runCommand("unwatch")).text)).toMatch(/^Usage: \/brief unwatch /);
    expect(handler.calls).toEqual([]);
  });

  it("shows a query error with its caret in a code block", async () => {
    handler.answerWith(() => {
      throw new BriefingError("query", 'unclosed quote\n  "export controls\n  ^');
    });
    const text = String((await runCommand('search "export controls')).text);
    // Column alignment inside the block is the renderer's to keep; the adapter's part is the code block.
    expect(text).toMatch(/^```\nunclosed quote\n\s*"export controls\n\s*\^\n```$/);
  });

  it("answers an unexpected failure briefly and logs it, never showing a stack trace", async () => {
    handler.answerWith(() => {
      throw new TypeError("cannot read properties of undefined (reading 'items')");
    });
    const text = String((await runCommand("feeds")).text);
    expect(text).toContain("/brief feeds failed");
    expect(text).not.toMatch(/TypeError|at .*\.ts|reading 'items'/);
    expect(log.text()).toContain("reading 'items'");
  });

  it("serves /slack/commands as well, and nothing else", async () => {
    const body = slashCommandForm({ text: "help", response_url: fake.responseUrl("c") });
    expect((await postToSlackApp(baseUrl, body, { path: "/slack/commands", timestampSec: nowSec() })).status).toBe(200);
    expect((await fetch(`${baseUrl}/slack/events`)).status).toBe(404);
    expect((await postToSlackApp(baseUrl, body, { path: "/admin", timestampSec: nowSec() })).status).toBe(404);
  });

  it("never writes a token or the signing secret to the log", async () => {
    await runCommand("search chips");
    await postToSlackApp(baseUrl, slashCommandForm({ text: "help" }), { timestampSec: nowSec(), signature: "v0=00" });
    expect(log.lines.length).toBeGreaterThan(0);
    expect(log.text()).not.toContain(BOT_TOKEN);
    expect(log.text()).not.toContain(SIGNING_SECRET);
    expect(log.text()).not.toMatch(/xox[abpre]-|xapp-/);
  });
});

describe("Slack request checks", () => {
  const body = () => slashCommandForm({ text: "help", response_url: fake.responseUrl("x") });

  it.each<[string, (b: string) => { body?: string; timestampSec: number; signature?: string | null }]>([
    ["a bad signature", (b) => ({ timestampSec: nowSec(), signature: signSlackBody(b, nowSec(), "wrong-secret") })],
    ["a modified body", (b) => ({ body: `${b}&text=digest+now`, timestampSec: nowSec(), signature: signSlackBody(b, nowSec()) })],
    ["a v1= signature", (b) => ({ timestampSec: nowSec(), signature: signSlackBody(b, nowSec()).replace("v0=", "v1=") })],
    ["no signature headers", () => ({ timestampSec: nowSec(), signature: null })],
    ["a timestamp 5 minutes and 1 second old", (b) => ({ timestampSec: nowSec() - 301, signature: signSlackBody(b, nowSec() - 301) })],
    ["a timestamp one hour ahead", (b) => ({ timestampSec: nowSec() + 3600, signature: signSlackBody(b, nowSec() + 3600) })],
    ["a timestamp 5 minutes and 1 second ahead", (b) => ({ timestampSec: nowSec() + 301, signature: signSlackBody(b, nowSec() + 301) })],
  ])("refuses %s with 401 and does nothing", async (_case, make) => {
    const original = body();
    const request = make(original);
    const response = await postToSlackApp(baseUrl, request.body ?? original, request);
    expect(response.status).toBe(401);
    expect(handler.calls).toEqual([]);
  });

  it.each([-299, 299])("accepts a timestamp %i seconds from now", async (offset) => {
    const b = body();
    const response = await postToSlackApp(baseUrl, b, { timestampSec: nowSec() + offset, signature: signSlackBody(b, nowSec() + offset) });
    expect(response.status).toBe(200);
    await vi.waitFor(() => expect(handler.calls).toHaveLength(1));
  });

  it("refuses a body over 4 MB with 413", async () => {
    const huge = slashCommandForm({ text: "x".repeat(4 * 1024 * 1024 + 10) });
    expect((await postToSlackApp(baseUrl, huge, { timestampSec: nowSec() })).status).toBe(413);
    expect(handler.calls).toEqual([]);
  });

  it("processes Slack's retries of one request once", async () => {
    const b = body();
    expect((await postToSlackApp(baseUrl, b, { timestampSec: nowSec() })).status).toBe(200);
    clock.advance(2000);
    for (const retry of ["1", "2"]) {
      const response = await postToSlackApp(baseUrl, b, { timestampSec: nowSec(), headers: { "x-slack-retry-num": retry, "x-slack-retry-reason": "http_timeout" } });
      expect(response.status).toBe(200);
    }
    await vi.waitFor(() => expect(fake.responses).toHaveLength(1));
    expect(handler.calls).toHaveLength(1);
  });

  it("answers Slack's certificate check without a signature", async () => {
    expect((await postToSlackApp(baseUrl, "ssl_check=1&token=x", { timestampSec: nowSec(), signature: null })).status).toBe(200);
    expect(handler.calls).toEqual([]);
  });
});
