import { afterEach, describe, expect, it } from "vitest";
import { startDeliveryRig, type DeliveryRig } from "./delivery-rig.js";
import { alert, digestParts } from "./delivery-workload.js";

const CHANNEL_MESSAGES = { method: "POST", path: /^\/channels\/\d+\/messages$/ };

/**
 * bad-inputs G.40: no SDK retries a send on its own (that would double it); the outbox retries, and the
 * retry is deduplicated (Slack: looked up by delivery id first; Discord: same nonce with enforce_nonce).
 */
describe("lost responses and 5xx: retried by the outbox alone, never doubled", () => {
  let rig: DeliveryRig;
  afterEach(() => rig.close());

  // Extra sends: Slack finds a post whose answer was lost in the channel's history and does not post again;
  // Discord posts again with the same nonce and gets the message already made.
  it.each([
    ["Slack: response lost after the post was made", (r: DeliveryRig) => r.slack.failNext("chat.postMessage", { kind: "drop" }, 2), 0],
    ["Slack: 503", (r: DeliveryRig) => r.slack.failNext("chat.postMessage", { kind: "http", status: 503 }, 2), 2],
    ["Discord: response lost after the message was made", (r: DeliveryRig) => r.discord.fail(CHANNEL_MESSAGES, { kind: "drop-response" }, 2), 2],
    ["Discord: 502", (r: DeliveryRig) => r.discord.fail(CHANNEL_MESSAGES, { kind: "server-error" }, 2), 2],
  ])("%s", async (_name, inject, extraSends) => {
    rig = await startDeliveryRig();
    const messages = [...digestParts("slack:#news", "s", 3), ...digestParts(`discord:${rig.discord.channelId}`, "d", 3), alert("slack:#desk", 1)];
    inject(rig);
    await rig.enqueue(messages);
    await rig.settle();
    expect(rig.problems(messages)).toEqual([]);
    // No SDK retried behind the outbox's back: one send per message, plus the outbox's own retries.
    const sends = rig.slack.callsTo("chat.postMessage").length + rig.discord.requests.filter((r) => r.method === "POST").length;
    expect(sends).toBe(messages.length + extraSends);
  });
});
