import { afterEach, describe, expect, it } from "vitest";
import type { FaultReply } from "../fakes/fake-discord.js";
import { startDeliveryRig, type DeliveryRig, type RigOptions } from "./delivery-rig.js";
import { alert, digestParts } from "./delivery-workload.js";

const CHANNEL_MESSAGES = { method: "POST", path: /^\/channels\/\d+\/messages$/ };

describe("429 storms: nothing lost, nothing doubled, order kept", () => {
  let rig: DeliveryRig;
  const start = async (options?: RigOptions) => (rig = await startDeliveryRig(options));
  afterEach(() => rig.close());

  it("waits out Slack's Retry-After on a burst of 429s", async () => {
    await start();
    const messages = [...digestParts("slack:#news", "morning", 4), ...digestParts("slack:#desk", "desk", 3), alert("slack:#news", 1), alert("slack:C0DESK", 2)];
    rig.slack.failNext("chat.postMessage", { kind: "rate-limit", retryAfterSec: 1 }, 5);
    await rig.enqueue(messages);
    await rig.settle();
    expect(rig.problems(messages)).toEqual([]);
    // One post per message plus one per 429: the sender never posts into a channel it was told to wait on.
    expect(rig.slack.callsTo("chat.postMessage")).toHaveLength(messages.length + 5);
  });

  it("does not give up on a message that is only rate limited, however long the storm", async () => {
    await start({ relay: { maxAttempts: 2 } });
    const messages = digestParts("slack:#news", "storm", 2);
    rig.slack.failNext("chat.postMessage", { kind: "rate-limit", retryAfterSec: 1 }, 3);
    await rig.enqueue(messages);
    await rig.settle();
    expect(rig.problems(messages)).toEqual([]);
    expect(await rig.store.listOutbox(["failed"])).toEqual([]);
  });

  it.each<[string, FaultReply, number]>([
    ["per-route 429s", { kind: "rate-limit", retryAfterS: 0.2 }, 4],
    ["global 429s", { kind: "rate-limit", retryAfterS: 0.2, global: true }, 3],
    ["shared-scope 429s", { kind: "rate-limit", retryAfterS: 0.2, scope: "shared" }, 3],
    ["a 429 longer than the REST client will wait, which the outbox reschedules", { kind: "rate-limit", retryAfterS: 1.5 }, 1],
  ])("Discord: %s", async (_name, reply, times) => {
    await start({ discordMaxRateLimitWaitMs: 500 });
    const [first, second] = [rig.discord.channelId, rig.discord.otherChannelId];
    const messages = [...digestParts(`discord:${first}`, "morning", 4), alert(`discord:${second}`, 1), alert(`discord:${first}`, 2), alert(`discord:${second}`, 3)];
    rig.discord.fail(CHANNEL_MESSAGES, reply, times);
    await rig.enqueue(messages);
    await rig.settle();
    expect(rig.problems(messages)).toEqual([]);
    // Only the injected 429s: nothing was sent into a known limit (each counts against the invalid-request budget).
    expect(rig.discord.requests.filter((r) => r.status === 429)).toHaveLength(times);
  });

  it("keeps to Discord's per-channel bucket from its headers, so the bucket never refuses", async () => {
    await start({ discord: { channelRateLimit: { limit: 2, windowMs: 400 } } });
    const channel = `discord:${rig.discord.channelId}`;
    const messages = [...digestParts(channel, "paced", 4), ...[1, 2, 3, 4].map((n) => alert(channel, n))];
    await rig.enqueue(messages);
    await rig.settle();
    expect(rig.problems(messages)).toEqual([]);
    expect(rig.discord.rateLimitHits).toBe(0);
  });
});
