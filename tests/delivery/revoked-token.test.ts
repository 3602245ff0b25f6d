import { afterEach, describe, expect, it } from "vitest";
import { DeliveryError, type Sender } from "../../src/outbox/index.js";
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

/**
 * bad-inputs I.50 wants a refused token to stop the whole platform with its messages kept queued. The
 * adapters classify a refused token as a permanent error of the one target today; this wrapper marks it
 * platform-wide, as they would with `scope: "platform"`, to show the relay's side end to end.
 */
const TOKEN_REFUSED = /^slack (invalid_auth|not_authed|token_revoked|token_expired|account_inactive)$|^Discord 401 |^no valid Discord bot token/;
function tokenErrorsPlatformWide(sender: Sender): Sender {
  return {
    async send(message) {
      try {
        return await sender.send(message);
      } catch (error) {
        if (error instanceof DeliveryError && error.failure === "permanent" && TOKEN_REFUSED.test(error.message)) {
          throw new DeliveryError("permanent", error.message, { cause: error, scope: "platform" });
        }
        throw error;
      }
    },
  };
}

const keys = (messages: readonly { key: string }[]) => messages.map((m) => m.key).sort();

describe("a revoked token: sending stops, nothing queued is lost", () => {
  let rig: DeliveryRig;
  afterEach(() => rig.close());

  it.each([
    ["Slack invalid_auth", "as the adapters classify it today", SLACK, false],
    ["Discord 401", "as the adapters classify it today", DISCORD, false],
    ["Slack invalid_auth", "marked platform-wide", SLACK, true],
    ["Discord 401", "marked platform-wide", DISCORD, true],
  ] as const)("%s, %s", async (_name, _how, platform, platformWide) => {
    rig = await startDeliveryRig({ relay: { parallelTargets: 1 }, ...(platformWide ? { wrapSender: tokenErrorsPlatformWide } : {}) });
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
    const queued = await rig.store.listOutbox(platformWide ? ["pending"] : ["pending", "failed"]);
    expect(keys(queued)).toEqual(keys(affected.filter((m) => !posted.has(m.key))));
    expect(keys(queued)).toContain(affected[2]?.key);
    if (platformWide) {
      expect(rig.notices).toEqual([expect.stringMatching(/^(slack|discord) \(every target\): /)]);
      expect(await rig.store.pausedTargets()).toEqual([]);
    } else {
      // Today each target is paused on its own, and each one is reported.
      expect(rig.notices).toHaveLength(2);
      expect((await rig.store.pausedTargets()).map((p) => p.target).sort()).toEqual([first, second].sort());
    }

    // Reload with a working token: a restart resumes; the per-target pauses also need an operator's retry.
    reinstate();
    rig.restart();
    if (!platformWide) await operatorRetriesEverything(rig);
    await rig.settle();
    expect(rig.problems([...affected, ...elsewhere])).toEqual([]);
  });
});

/** What `briefing outbox retry <id>` does, for every failed message. */
async function operatorRetriesEverything(rig: DeliveryRig): Promise<void> {
  for (const paused of await rig.store.pausedTargets()) await rig.store.resumeTarget(paused.target);
  for (const m of await rig.store.listOutbox(["failed"])) await rig.store.requeue(m.id, new Date().toISOString());
}
