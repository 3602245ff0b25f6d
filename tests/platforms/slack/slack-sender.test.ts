import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createManualClock } from "../../../src/domain/clock.js";
import type { OutboundPayload, OutboxMessage } from "../../../src/domain/outbound.js";
import { DeliveryError } from "../../../src/outbox/delivery-error.js";
import type { Sender } from "../../../src/outbox/sender.js";
import { createSlackPlatform } from "../../../src/platforms/slack/index.js";
import { createFakeCommandHandler } from "../../fakes/fake-command-handler.js";
import { startFakeSlackApi, type FakeSlackApi, type FakeSlackFault } from "../../fakes/fake-slack-api.js";
import { BOT_TOKEN, captureLog, SIGNING_SECRET } from "./slack-test-kit.js";

const clock = createManualClock("2026-03-02T09:00:00Z");
let fake: FakeSlackApi;
let sender: Sender;
let sleeps: number[];
let log: ReturnType<typeof captureLog>;

const CHANNELS = [
  { id: "C0NEWS", name: "news" },
  { id: "C0OPS", name: "ops" },
  { id: "C0OUT", name: "outside", isMember: false },
  { id: "C0OLD", name: "old", isArchived: true },
];

function senderFor(botToken: string): Sender {
  return createSlackPlatform({
    botToken,
    signingSecret: SIGNING_SECRET,
    apiUrl: fake.apiUrl,
    port: 0,
    handler: createFakeCommandHandler(),
    admins: [],
    log,
    clock,
    pacing: {
      sleep: async (ms) => {
        sleeps.push(ms);
        clock.advance(ms);
      },
    },
  }).sender;
}

beforeEach(async () => {
  fake = await startFakeSlackApi({ botToken: BOT_TOKEN, channels: CHANNELS, now: () => clock.now().getTime() });
  sleeps = [];
  log = captureLog();
  sender = senderFor(BOT_TOKEN);
});

afterEach(() => fake.close());

const payload = (text = "Morning digest", blocks: unknown[] = [{ type: "section", text: { type: "mrkdwn", text } }]): OutboundPayload => ({
  kind: "slack",
  text,
  blocks,
  unfurl_links: false,
  unfurl_media: false,
});

let nextId = 1;
function message(overrides: Partial<OutboxMessage> = {}): OutboxMessage {
  const now = clock.now().toISOString();
  const id = nextId++;
  return { id, key: `digest:news:2026-03-02:${id}`, target: "slack:C0NEWS", group: "digest:news", part: 0, payload: payload(), status: "pending", attempts: 0, nextAttemptAt: now, createdAt: now, sentAt: null, platformMessageId: null, lastError: null, ...overrides };
}

async function failure(send: Promise<unknown>): Promise<DeliveryError> {
  const error = await send.then(() => null, (e: unknown) => e);
  if (!(error instanceof DeliveryError)) throw new Error(`expected a DeliveryError, got ${String(error)}`);
  return error;
}

describe("Slack sender", () => {
  it("posts the payload as rendered, with its delivery id in metadata, and returns the ts", async () => {
    const sent = message({ key: "digest:news:2026-03-02T09:00Z:0" });
    const { platformMessageId } = await sender.send(sent);
    const [call] = fake.callsTo("chat.postMessage");
    expect(call!.args).toEqual({
      channel: "C0NEWS",
      text: "Morning digest",
      blocks: [{ type: "section", text: { type: "mrkdwn", text: "Morning digest" } }],
      unfurl_links: false,
      unfurl_media: false,
      metadata: { event_type: "briefing_delivery", event_payload: { delivery_id: "digest:news:2026-03-02T09:00Z:0" } },
    });
    expect(platformMessageId).toBe(fake.messages[0]!.ts);
  });

  it.each([
    ["slack:C0NEWS", "C0NEWS", "C0NEWS"],
    ["slack:#news", "C0NEWS", "C0NEWS"],
    ["slack:@U0ALICE", "U0ALICE", "DU0ALICE"],
  ])("sends %s to channel %s", async (target, channel, conversation) => {
    await sender.send(message({ target }));
    expect(fake.callsTo("chat.postMessage")[0]!.args.channel).toBe(channel);
    expect(fake.messages.map((m) => m.channel)).toEqual([conversation]);
  });

  it.each([
    ["channel_not_found", "slack:C0GONE", null],
    ["channel_not_found", "slack:#nowhere", null],
    ["not_in_channel", "slack:C0OUT", null],
    ["is_archived", "slack:C0OLD", null],
    ["missing_scope", "slack:C0NEWS", { kind: "error", error: "missing_scope" }],
    ["token_revoked", "slack:C0NEWS", { kind: "error", error: "token_revoked" }],
    ["account_inactive", "slack:C0NEWS", { kind: "error", error: "account_inactive" }],
    ["invalid_auth", "slack:C0NEWS", { kind: "error", error: "invalid_auth" }],
  ] as [string, string, FakeSlackFault | null][])("fails permanently on %s (%s)", async (code, target, fault) => {
    if (fault) fake.failNext("chat.postMessage", fault);
    const error = await failure(sender.send(message({ target })));
    expect(error).toMatchObject({ failure: "permanent", message: expect.stringContaining(code) });
    expect(fake.callsTo("chat.postMessage").length).toBeLessThanOrEqual(1);
  });

  it("refuses a payload over Slack's block limits (the fake answers invalid_blocks)", async () => {
    const blocks = Array.from({ length: 51 }, () => ({ type: "divider" }));
    const error = await failure(sender.send(message({ payload: payload("too long", blocks) })));
    expect(error).toMatchObject({ failure: "permanent", message: "slack invalid_blocks" });
  });

  it("stops calling Slack once the token is refused", async () => {
    const dead = senderFor("xoxb-revoked");
    expect(await failure(dead.send(message()))).toMatchObject({ failure: "permanent", message: "slack invalid_auth" });
    expect(await failure(dead.send(message({ target: "slack:C0OPS" })))).toMatchObject({ failure: "permanent" });
    expect(fake.callsTo("chat.postMessage")).toHaveLength(1);
  });

  it("answers a 429 with its Retry-After, without an SDK retry, and holds the channel back until then", async () => {
    fake.failNext("chat.postMessage", { kind: "rate-limit", retryAfterSec: 30 });
    expect(await failure(sender.send(message()))).toMatchObject({ failure: "retry", retryAfterMs: 30_000 });
    expect(fake.callsTo("chat.postMessage")).toHaveLength(1);

    clock.advance(10_000);
    expect(await failure(sender.send(message()))).toMatchObject({ failure: "retry", retryAfterMs: 20_000 });
    expect(fake.callsTo("chat.postMessage")).toHaveLength(1);
    await sender.send(message({ target: "slack:C0OPS" }));

    clock.advance(20_000);
    await sender.send(message());
    expect(fake.messages.map((m) => m.channel)).toEqual(["C0OPS", "C0NEWS"]);
  });

  it.each([
    ["a 503", { kind: "http", status: 503 }],
    ["a lost response", { kind: "drop" }],
    ["internal_error", { kind: "error", error: "internal_error" }],
  ] as [string, FakeSlackFault][])("retries after %s", async (_case, fault) => {
    fake.failNext("chat.postMessage", fault);
    expect(await failure(sender.send(message()))).toMatchObject({ failure: "retry", retryAfterMs: null });
    expect(fake.callsTo("chat.postMessage")).toHaveLength(1);
  });

  it("spaces posts to one channel about a second apart, and lets other channels through", async () => {
    await sender.send(message());
    await sender.send(message({ target: "slack:C0OPS" }));
    await sender.send(message());
    await sender.send(message());
    expect(sleeps).toEqual([1000, 1000]);
    expect(fake.messages).toHaveLength(4);
  });
});

describe("Slack sender after an attempt in doubt", () => {
  it.each(["slack:C0NEWS", "slack:#news", "slack:@U0ALICE"])("finds the post Slack accepted before the response was lost (%s)", async (target) => {
    const original = message({ target });
    fake.failNext("chat.postMessage", { kind: "drop" });
    expect(await failure(sender.send(original))).toMatchObject({ failure: "retry" });
    expect(fake.messages).toHaveLength(1);

    clock.advance(60_000);
    const fresh = senderFor(BOT_TOKEN); // as after a restart: nothing remembered
    const { platformMessageId } = await fresh.send({ ...original, attempts: 1 });
    expect(platformMessageId).toBe(fake.messages[0]!.ts);
    expect(fake.messages).toHaveLength(1);
    expect(fake.callsTo("chat.postMessage")).toHaveLength(1);
    expect(fake.callsTo("conversations.history")[0]!.args).toMatchObject({ include_all_metadata: true });
  });

  it("posts once when the earlier attempt never reached Slack", async () => {
    fake.failNext("chat.postMessage", { kind: "http", status: 502 });
    const original = message();
    await failure(sender.send(original));
    clock.advance(60_000);
    await sender.send({ ...original, attempts: 1 });
    expect(fake.messages.map((m) => m.metadata?.event_payload.delivery_id)).toEqual([original.key]);
  });

  it("does not post when history cannot be read: retry later rather than risk a double", async () => {
    const original = message({ attempts: 2 });
    fake.failNext("conversations.history", { kind: "http", status: 500 });
    expect(await failure(sender.send(original))).toMatchObject({ failure: "retry" });
    expect(fake.callsTo("chat.postMessage")).toHaveLength(0);
  });

  it("logs no token", async () => {
    fake.failNext("chat.postMessage", { kind: "drop" });
    await failure(sender.send(message()));
    expect(log.text()).not.toContain(BOT_TOKEN);
  });
});
