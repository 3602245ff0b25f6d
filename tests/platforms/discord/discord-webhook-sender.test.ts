import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startFakeDiscord, type FakeDiscord } from "../../fakes/fake-discord.js";
import { discordPayload, failureOf, outboxMessage, senderFor } from "./discord-sender-harness.js";

let fake: FakeDiscord;
beforeEach(async () => {
  fake = await startFakeDiscord();
});
afterEach(async () => fake.close());

const TARGET = "discord-webhook:DISCORD_WEBHOOK_NEWS";

describe("the Discord sender: channel webhooks (digests without a bot)", () => {
  it("posts by URL with wait=true, no bot token, no parsed mentions, and returns the message id", async () => {
    const hook = fake.createWebhook(fake.channelId);
    const { sender } = senderFor(fake, { DISCORD_WEBHOOK_NEWS: `${hook.url}?thread_id=1300000000000000555` });
    const { platformMessageId } = await sender.send(outboxMessage(TARGET, discordPayload("@everyone digest")));
    const request = fake.requests.at(-1);
    expect(request).toMatchObject({ method: "POST", path: `/webhooks/${hook.id}/${hook.token}`, query: { wait: "true", thread_id: "1300000000000000555" }, authorization: null });
    expect(fake.messages[0]).toMatchObject({ id: platformMessageId, via: "webhook", channelId: fake.channelId });
    expect(fake.messages[0]?.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it.each<[string, (url: string) => string, RegExp]>([
    ["a deleted webhook (404)", (url) => url.replace(/webhooks\/\d+/, "webhooks/1300000000000000999"), /10015/],
    ["a wrong webhook token (401)", (url) => url.replace(/\/[^/]+$/, "/WrongTokenWrongTokenWrongToken"), /webhook token is invalid/],
  ])("treats %s as permanent and never logs or keeps the URL", async (_name, change, message) => {
    const hook = fake.createWebhook(fake.channelId);
    const url = change(hook.url);
    const { sender, log } = senderFor(fake, { DISCORD_WEBHOOK_NEWS: url });
    const error = await failureOf(sender.send(outboxMessage(TARGET, discordPayload("digest"))));
    expect(error.failure).toBe("permanent");
    expect(error.message).toMatch(message);
    expect(error.cause).toBeUndefined();
    const secret = url.split("/").at(-1) ?? "";
    expect(error.message).not.toContain(secret);
    expect(log.text()).not.toContain(secret);
    expect(fake.requests).toHaveLength(1);
  });

  it.each([
    ["no URL in the environment", {}],
    ["a URL that is not a webhook", { DISCORD_WEBHOOK_NEWS: "https://example.com/not-a-webhook" }],
  ])("refuses %s as permanent without a request", async (_name, webhooks) => {
    const error = await failureOf(senderFor(fake, webhooks).sender.send(outboxMessage(TARGET, discordPayload("digest"))));
    expect(error.failure).toBe("permanent");
    expect(error.message).toContain("DISCORD_WEBHOOK_NEWS");
    expect(fake.requests).toHaveLength(0);
  });
});
