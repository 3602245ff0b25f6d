import { afterEach, describe, expect, it } from "vitest";
import { SLACK_TOKEN, startDeliveryRig, type DeliveryRig } from "./delivery-rig.js";
import { alert, digestParts } from "./delivery-workload.js";

interface Platform {
  targets(rig: DeliveryRig): [string, string];
  healthy(rig: DeliveryRig): string;
  /** Revokes the bot's token at the platform; returns how to put a working one in place. */
  revoke(rig: DeliveryRig): () => void;
  /** Every request the bot made to this platform so far. */
  requests(rig: DeliveryRig): number;
}

const SLACK: Platform = {
  targets: () => ["slack:#news", "slack:#desk"],
  healthy: (rig) => `discord:${rig.discord.channelId}`,
  // The fake checks the token on every call against its options: changing them revokes the bot's token.
  revoke: (rig) => {
    rig.slackOptions.botToken = "xoxb-rotated-9999-secret";
    return () => void (rig.slackOptions.botToken = SLACK_TOKEN);
  },
  requests: (rig) => rig.slack.calls.length,
};

const DISCORD: Platform = {
  targets: (rig) => [`discord:${rig.discord.channelId}`, `discord:${rig.discord.otherChannelId}`],
  healthy: () => "slack:#news",
  revoke: (rig) => {
    const token = rig.discord.token;
    rig.discord.token = "MTMwMDAwMDAwMDAwMDAwMDAwMQ.reset.aNewTokenTheBotDoesNotHaveYet";
    return () => void (rig.discord.token = token);
  },
  requests: (rig) => rig.discord.requests.length,
};

const keys = (messages: readonly { key: string }[]) => messages.map((m) => m.key).sort();

describe("a revoked token: sending stops, nothing queued is lost", () => {
  let rig: DeliveryRig;
  afterEach(() => rig.close());

  // bad-inputs I.50: a refused token stops the whole platform, its messages kept queued, the operator told once.
  it.each([
    ["Slack invalid_auth", SLACK],
    ["Discord 401", DISCORD],
  ] as const)("%s", async (_name, platform) => {
    rig = await startDeliveryRig({ relay: { parallelTargets: 1 } });
    const [first, second] = platform.targets(rig);
    const affected = [...digestParts(first, "morning", 4), ...[1, 2, 3, 5, 6].map((n) => alert(second, n)), alert(first, 7)];
    const elsewhere = [...digestParts(platform.healthy(rig), "other", 2), alert(platform.healthy(rig), 8)];
    let requestsBefore = -1;
    let reinstate = () => undefined as void;
    rig.beforeSend = (message) => {
      if (message.key !== affected[2]?.key || requestsBefore >= 0) return;
      reinstate = platform.revoke(rig);
      requestsBefore = platform.requests(rig);
    };
    await rig.enqueue([...affected, ...elsewhere]);
    await rig.settle();
    await rig.relay.drain();

    // One refused request, then silence towards that platform; the other platform carries on.
    expect(platform.requests(rig) - requestsBefore).toBe(1);
    const posted = new Set(rig.deliveredKeys());
    const delivered = affected.filter((m) => posted.has(m.key));
    expect(rig.problems([...delivered, ...elsewhere])).toEqual([]);
    // Nothing lost: what was not delivered is still in the outbox, the refused part among it.
    const queued = await rig.store.listOutbox(["pending"]);
    expect(keys(queued)).toEqual(keys(affected.filter((m) => !posted.has(m.key))));
    expect(keys(queued)).toContain(affected[2]?.key);
    expect(rig.notices).toEqual([expect.stringMatching(/^(slack|discord) \(every target\): /)]);
    expect(await rig.store.pausedTargets()).toEqual([]);

    // Reload with a working token: a restart resumes everything, with no operator step.
    reinstate();
    rig.restart();
    await rig.settle();
    expect(rig.problems([...affected, ...elsewhere])).toEqual([]);
  });
});
