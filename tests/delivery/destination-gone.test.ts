import { afterEach, describe, expect, it } from "vitest";
import { startDeliveryRig, type DeliveryRig } from "./delivery-rig.js";
import { alert, digestParts } from "./delivery-workload.js";

const WEBHOOK_ENV = "DISCORD_WEBHOOK_NEWS";

/** A destination that stops taking messages between two parts of a digest, and how to count what it was sent. */
interface GoneCase {
  target(rig: DeliveryRig): string;
  /** Breaks the destination for good, as the platform would. */
  breakIt(rig: DeliveryRig): void;
  /** Undoes it, as an operator fixing access would. */
  fix(rig: DeliveryRig): void;
  /** Send requests the platform received for this destination. */
  sends(rig: DeliveryRig): number;
  reason: RegExp;
}

const slackPosts = (rig: DeliveryRig) => rig.slack.callsTo("chat.postMessage").filter((c) => c.args.channel === "C0NEWS").length;
const discordPosts = (rig: DeliveryRig) => rig.discord.requests.filter((r) => r.method === "POST" && r.path === `/channels/${rig.discord.channelId}/messages`).length;
const slackError = (error: string): Pick<GoneCase, "target" | "breakIt" | "fix" | "sends"> => ({
  target: () => "slack:#news",
  // The fake's channels cannot be deleted; its next post answers as Slack does for a deleted channel.
  breakIt: (rig) => rig.slack.failNext("chat.postMessage", { kind: "error", error }),
  fix: () => undefined,
  sends: slackPosts,
});
let webhook: { id: string; token: string; url: string } | null = null;
const webhookCase: GoneCase = {
  target: () => `discord-webhook:${WEBHOOK_ENV}`,
  breakIt: (rig) => void rig.discord.webhooks.delete(webhook?.id ?? ""),
  fix: (rig) => void rig.discord.webhooks.set(webhook?.id ?? "", { token: webhook?.token ?? "", channelId: rig.discord.channelId }),
  sends: (rig) => rig.discord.requests.filter((r) => r.path.startsWith(`/webhooks/${webhook?.id ?? "none"}/`)).length,
  reason: /the webhook no longer exists/,
};

const CASES: Array<[string, GoneCase]> = [
  ["Slack channel deleted", { ...slackError("channel_not_found"), reason: /channel_not_found/ }],
  ["Slack channel archived", { ...slackError("is_archived"), reason: /is_archived/ }],
  ["Slack bot removed from the channel", { ...slackError("not_in_channel"), reason: /not_in_channel/ }],
  [
    "Discord channel deleted (404 Unknown Channel)",
    {
      target: (rig) => `discord:${rig.discord.channelId}`,
      breakIt: (rig) => void rig.discord.channels.delete(rig.discord.channelId),
      fix: (rig) => void rig.discord.channels.add(rig.discord.channelId),
      sends: discordPosts,
      reason: /the channel no longer exists/,
    },
  ],
  [
    "Discord bot lost access (403 Missing Access)",
    {
      target: (rig) => `discord:${rig.discord.channelId}`,
      breakIt: (rig) => void rig.discord.forbiddenChannels.add(rig.discord.channelId),
      fix: (rig) => void rig.discord.forbiddenChannels.delete(rig.discord.channelId),
      sends: discordPosts,
      reason: /Missing Access/,
    },
  ],
  ["Discord webhook deleted (404 Unknown Webhook)", webhookCase],
];

describe("a destination gone mid-digest", () => {
  let rig: DeliveryRig;
  afterEach(() => rig.close());

  it.each(CASES)("%s: earlier parts delivered, target paused once, admin told once, no retry loop", async (_name, gone) => {
    rig = await startDeliveryRig({
      webhooks: (discord) => {
        webhook = discord.createWebhook(discord.channelId);
        return { [WEBHOOK_ENV]: webhook.url };
      },
    });
    const target = gone.target(rig);
    const healthy = target.startsWith("slack:") ? `discord:${rig.discord.otherChannelId}` : "slack:#desk";
    const digest = digestParts(target, "morning", 5);
    const later = [alert(target, 1), alert(target, 2)];
    const elsewhere = [...digestParts(healthy, "other", 3), alert(healthy, 3)];
    rig.beforeSend = (message) => {
      if (message.key === digest[2]?.key && message.attempts === 0) gone.breakIt(rig);
    };
    await rig.enqueue([...digest, ...later, ...elsewhere]);
    await rig.settle();

    expect(rig.problems([...digest.slice(0, 2), ...elsewhere])).toEqual([]);
    expect(gone.sends(rig)).toBe(3);
    const failed = await rig.store.listOutbox(["failed"]);
    expect(failed.map((m) => m.key)).toEqual([...digest.slice(2), ...later].map((m) => m.key));
    expect(failed[0]?.lastError).toMatch(gone.reason);
    expect(failed.slice(1).every((m) => m.attempts === 0 && m.lastError?.startsWith("target paused:"))).toBe(true);
    expect((await rig.store.pausedTargets()).map((p) => p.target)).toEqual([target]);
    expect(rig.notices).toHaveLength(1);
    expect(rig.notices[0]).toMatch(gone.reason);

    // Later drains, a restart, and new messages for it: nothing more is sent to the paused target.
    rig.restart();
    await rig.enqueue([alert(target, 4)]);
    await rig.settle();
    expect(gone.sends(rig)).toBe(3);
    expect(rig.notices).toHaveLength(1);
    if (webhook) expect(`${rig.log.text()}\n${rig.notices.join("\n")}\n${failed.map((m) => m.lastError).join("\n")}`).not.toContain(webhook.token);

    // Fixed by an operator, resumed and retried (`briefing outbox retry <id>` for each): the rest arrives, once and in order.
    gone.fix(rig);
    await rig.store.resumeTarget(target);
    for (const m of await rig.store.listOutbox(["failed"])) await rig.store.requeue(m.id, new Date().toISOString());
    await rig.settle();
    expect(rig.problems([...digest, ...later, ...elsewhere, alert(target, 4)])).toEqual([]);
  });
});
