import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createManualClock } from "../../../src/domain/clock.js";
import { createSlackPlatform, type SlackPlatform } from "../../../src/platforms/slack/index.js";
import { storedSeenRequests } from "../../../src/runtime/stored-seen-requests.js";
import { createSqliteStore, openDatabase, type Store } from "../../../src/store/index.js";
import { createFakeCommandHandler, type FakeCommandHandler } from "../../fakes/fake-command-handler.js";
import { startFakeSlackApi, type FakeSlackApi } from "../../fakes/fake-slack-api.js";
import { BOT_TOKEN, captureLog, postToSlackApp, SIGNING_SECRET, slashCommandForm } from "./slack-test-kit.js";

const clock = createManualClock("2026-03-02T09:00:00Z");
const nowSec = () => Math.floor(clock.now().getTime() / 1000);

let fake: FakeSlackApi;
let handler: FakeCommandHandler;
let instances: Array<{ platform: SlackPlatform; store: Store; url: string }>;

/** Two bot processes behind one load balancer: each its own Slack listener and store connection, one database file. */
beforeEach(async () => {
  fake = await startFakeSlackApi({ botToken: BOT_TOKEN, users: { U0ALICE: {} } });
  handler = createFakeCommandHandler();
  const file = path.join(await mkdtemp(path.join(tmpdir(), "briefing-replays-")), "briefing.db");
  instances = [];
  for (let n = 0; n < 2; n++) {
    const store = createSqliteStore(openDatabase(file));
    const platform = createSlackPlatform({
      botToken: BOT_TOKEN,
      signingSecret: SIGNING_SECRET,
      apiUrl: fake.apiUrl,
      port: 0,
      host: "127.0.0.1",
      handler,
      admins: [],
      log: captureLog(),
      clock,
      seenRequests: storedSeenRequests(() => store),
    });
    const started = await platform.start();
    instances.push({ platform, store, url: `http://127.0.0.1:${started.port}` });
  }
});

afterEach(async () => {
  for (const { platform, store } of instances) {
    await platform.stop();
    await store.close();
  }
  await fake.close();
});

const retryHeaders = (n: number) => ({ "x-slack-retry-num": String(n), "x-slack-retry-reason": "http_timeout" });

describe("Slack retries behind a load balancer", () => {
  it("runs a request once when its retries reach the other process", async () => {
    const [a, b] = instances as [(typeof instances)[0], (typeof instances)[0]];
    const body = slashCommandForm({ text: "feeds", response_url: fake.responseUrl("r1") });
    expect((await postToSlackApp(a.url, body, { timestampSec: nowSec() })).status).toBe(200);
    clock.advance(3_000);
    expect((await postToSlackApp(b.url, body, { timestampSec: nowSec(), headers: retryHeaders(1) })).status).toBe(200);
    expect((await postToSlackApp(a.url, body, { timestampSec: nowSec(), headers: retryHeaders(2) })).status).toBe(200);
    await vi.waitFor(() => expect(fake.responses).toHaveLength(1));
    expect(handler.calls).toHaveLength(1);

    // Another request through the second process is its own, and runs.
    const other = slashCommandForm({ text: "topics", response_url: fake.responseUrl("r2") });
    expect((await postToSlackApp(b.url, other, { timestampSec: nowSec() })).status).toBe(200);
    await vi.waitFor(() => expect(handler.calls).toHaveLength(2));
    expect(handler.calls.map((call) => call.command.name)).toEqual(["feeds", "topics"]);
  });

  it("forgets a request once its window has passed", async () => {
    const [a, b] = instances as [(typeof instances)[0], (typeof instances)[0]];
    const body = slashCommandForm({ text: "feeds", response_url: fake.responseUrl("r1") });
    await postToSlackApp(a.url, body, { timestampSec: nowSec() });
    await vi.waitFor(() => expect(handler.calls).toHaveLength(1));
    clock.advance(16 * 60_000);
    await postToSlackApp(b.url, body, { timestampSec: nowSec() });
    await vi.waitFor(() => expect(handler.calls).toHaveLength(2));
  });
});
