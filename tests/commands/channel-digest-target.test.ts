import { describe, expect, it } from "vitest";
import { channelDigestTarget, type Invoker } from "../../src/commands/index.js";

const slack = (targetScope?: string): Invoker => ({
  platform: "slack",
  workspaceId: "T0INSTALLED",
  channelId: "C0NEWS",
  userId: "U1",
  isPlatformAdmin: true,
  ...(targetScope ? { targetScope } : {}),
});

describe("channelDigestTarget", () => {
  it.each([
    ["the bot-token workspace", slack(), "slack:C0NEWS"],
    ["a workspace installed by OAuth, so its own token posts", slack("T0INSTALLED/"), "slack:T0INSTALLED/C0NEWS"],
    ["a Discord channel", { platform: "discord" as const, workspaceId: "111111111111111111", channelId: "222222222222222222", userId: "333333333333333333", isPlatformAdmin: true } satisfies Invoker, "discord:222222222222222222"],
  ])("%s", (_name, invoker, expected) => {
    expect(channelDigestTarget(invoker)).toBe(expected);
  });
});
