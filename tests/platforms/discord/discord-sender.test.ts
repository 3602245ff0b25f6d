import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { OutboundPayload } from "../../../src/domain/outbound.js";
import { nonceFor } from "../../../src/platforms/discord/index.js";
import { startFakeDiscord, type FakeDiscord, type FaultReply } from "../../fakes/fake-discord.js";
import { discordPayload, failureOf, outboxMessage, senderFor } from "./discord-sender-harness.js";

let fake: FakeDiscord;
beforeEach(async () => {
  fake = await startFakeDiscord();
});
afterEach(async () => fake.close());

const messagesPath = () => new RegExp(`^/channels/${fake.channelId}/messages$`);
const posts = () => fake.requests.filter((r) => r.method === "POST" && r.path.endsWith("/messages"));

describe("the Discord sender: channel messages", () => {
  it("posts with a nonce from the outbox key, enforce_nonce, and no parsed mentions", async () => {
    const { sender } = senderFor(fake);
    const message = outboxMessage(`discord:${fake.channelId}`, discordPayload("Story about @everyone and <@&123456789012345678>"), "digest:d1:2026-01-15:0");
    const { platformMessageId } = await sender.send(message);
    expect(platformMessageId).toBe(fake.messages[0]?.id);
    expect(fake.messages[0]?.body).toMatchObject({ nonce: nonceFor("digest:d1:2026-01-15:0"), enforce_nonce: true, allowed_mentions: { parse: [], replied_user: false } });
    expect(nonceFor("digest:d1:2026-01-15:0")).toHaveLength(25);
  });

  it.each<[string, OutboundPayload]>([
    ["a payload that asks for pings", { ...discordPayload("@everyone"), allowed_mentions: { parse: ["everyone", "roles"] } } as unknown as OutboundPayload],
    ["a plain-text payload", { kind: "text", text: "@here new story" }],
  ])("sends %s with parse: [] all the same", async (_name, payload) => {
    await senderFor(fake).sender.send(outboxMessage(`discord:${fake.channelId}`, payload));
    expect(fake.messages[0]?.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it("sets SUPPRESS_EMBEDS when the payload asks for it", async () => {
    await senderFor(fake).sender.send(outboxMessage(`discord:${fake.channelId}`, discordPayload("links", { suppress_embeds: true })));
    expect(fake.messages[0]?.body.flags).toBe(4);
    expect(fake.messages[0]?.body).not.toHaveProperty("suppress_embeds");
  });

  it("makes one message when a send is repeated, even after a lost response", async () => {
    const { sender } = senderFor(fake);
    const message = outboxMessage(`discord:${fake.channelId}`, discordPayload("once"));
    fake.fail({ method: "POST", path: messagesPath() }, { kind: "drop-response" });
    expect((await failureOf(sender.send(message))).failure).toBe("retry");
    const first = await sender.send(message);
    const again = await sender.send(message);
    expect(fake.messages).toHaveLength(1);
    expect(first.platformMessageId).toBe(fake.messages[0]?.id);
    expect(again.platformMessageId).toBe(first.platformMessageId);
  });

  it("waits out a short 429 inside @discordjs/rest and sends once", async () => {
    fake.fail({ method: "POST", path: messagesPath() }, { kind: "rate-limit", retryAfterS: 0.05 });
    await senderFor(fake).sender.send(outboxMessage(`discord:${fake.channelId}`, discordPayload("after the wait")));
    expect(posts().map((r) => r.status)).toEqual([429, 200]);
    expect(fake.messages).toHaveLength(1);
  });

  it.each<[string, FaultReply]>([
    ["a route 429", { kind: "rate-limit", retryAfterS: 60 }],
    ["a global 429", { kind: "rate-limit", retryAfterS: 60, global: true }],
    ["a shared-scope 429", { kind: "rate-limit", retryAfterS: 60, scope: "shared" }],
  ])("hands %s longer than the wait cap back to the outbox with its retry_after", async (_name, fault) => {
    fake.fail({ method: "POST", path: messagesPath() }, fault);
    const error = await failureOf(senderFor(fake).sender.send(outboxMessage(`discord:${fake.channelId}`, discordPayload("later"))));
    expect(error.failure).toBe("retry");
    expect(error.retryAfterMs).toBeGreaterThanOrEqual(59_000);
    expect(fake.messages).toHaveLength(0);
  });

  it.each<[string, (f: FakeDiscord) => void, "retry" | "permanent", RegExp]>([
    ["Missing Access", (f) => f.forbiddenChannels.add(f.channelId), "permanent", /Missing Access.*50001/],
    ["a deleted channel", (f) => f.channels.delete(f.channelId), "permanent", /no longer exists.*10003/],
    ["a revoked token", (f) => f.fail({ path: /./ }, { kind: "unauthorized" }), "permanent", /401.*DISCORD_TOKEN/],
    ["a 502", (f) => f.fail({ path: /./ }, { kind: "server-error" }), "retry", /502/],
    ["an oversize message", () => undefined, "permanent", /400/],
  ])("classifies %s as %s, after a single request", async (name, arrange, failure, message) => {
    arrange(fake);
    const content = name === "an oversize message" ? "x".repeat(2001) : "hello";
    const error = await failureOf(senderFor(fake).sender.send(outboxMessage(`discord:${fake.channelId}`, discordPayload(content))));
    expect(error.failure).toBe(failure);
    expect(error.message).toMatch(message);
    expect(posts()).toHaveLength(1);
  });

  it("stops sending with a token Discord rejected", async () => {
    const { sender, log } = senderFor(fake);
    fake.fail({ path: /./ }, { kind: "unauthorized" });
    await failureOf(sender.send(outboxMessage(`discord:${fake.channelId}`, discordPayload("one"))));
    const second = await failureOf(sender.send(outboxMessage(`discord:${fake.channelId}`, discordPayload("two"))));
    expect(second.failure).toBe("permanent");
    expect(posts()).toHaveLength(1);
    expect(log.entries.some((e) => e.level === "error")).toBe(true);
    expect(log.text()).not.toContain(fake.token);
  });

  it.each<[string, OutboundPayload | null, string]>([
    ["a Slack payload", { kind: "slack", text: "x", blocks: [], unfurl_links: false, unfurl_media: false }, "discord:1300000000000000001"],
    ["a target of another platform", null, "slack:#news"],
    ["a malformed channel id", null, "discord:general"],
  ])("refuses %s as permanent without a request", async (_name, payload, target) => {
    const error = await failureOf(senderFor(fake).sender.send(outboxMessage(target, payload ?? discordPayload("x"))));
    expect(error.failure).toBe("permanent");
    expect(fake.requests).toHaveLength(0);
  });
});

describe("the Discord sender under a per-channel rate limit", () => {
  it("paces a burst by Discord's bucket headers without a single 429", async () => {
    await fake.close();
    fake = await startFakeDiscord({ channelRateLimit: { limit: 5, windowMs: 200 } });
    const { sender } = senderFor(fake);
    for (let i = 0; i < 12; i += 1) await sender.send(outboxMessage(`discord:${fake.channelId}`, discordPayload(`alert ${i}`)));
    expect(fake.messages.map((m) => m.body.content)).toEqual(Array.from({ length: 12 }, (_, i) => `alert ${i}`));
    expect(fake.rateLimitHits).toBe(0);
  });
});

describe("the Discord sender: direct messages", () => {
  it("opens the DM channel once and posts there", async () => {
    const { sender } = senderFor(fake);
    const user = "1300000000000000777";
    await sender.send(outboxMessage(`discord-user:${user}`, discordPayload("alert 1")));
    await sender.send(outboxMessage(`discord-user:${user}`, discordPayload("alert 2")));
    const dm = fake.dmChannels.get(user);
    expect(fake.requests.filter((r) => r.path === "/users/@me/channels")).toHaveLength(1);
    expect(fake.messages.map((m) => [m.channelId, m.body.content])).toEqual([
      [dm, "alert 1"],
      [dm, "alert 2"],
    ]);
  });
});
