import { describe, expect, it } from "vitest";
import { createCommandHandler, type Invoker } from "../../src/commands/index.js";
import { createManualClock } from "../../src/domain/clock.js";
import type { Digest } from "../../src/domain/digest.js";
import { parseQuery } from "../../src/match/index.js";
import { createSqliteStore, openDatabase } from "../../src/store/index.js";

const emptyDigest: Digest = { beat: "Test", generatedAt: "2026-01-15T00:00:00.000Z", timeZone: "UTC", storyCount: 0, sections: [] };

function handler() {
  return createCommandHandler({
    search: { search: async () => emptyDigest },
    digests: { preview: async () => emptyDigest, postNow: async () => 1 },
    watches: createSqliteStore(openDatabase(":memory:")),
    validateQuery: (query) => void parseQuery(query, {}),
    topics: [],
    sources: async () => [],
    admins: {},
    clock: createManualClock("2026-01-15T00:00:00.000Z"),
  });
}

const plain: Invoker = { platform: "slack", workspaceId: "T0FAKE", channelId: "C1", userId: "U1", isPlatformAdmin: true };
const installed: Invoker = { ...plain, workspaceId: "T0AAA", targetScope: "T0AAA/" };

describe("watch targets of an installed Slack workspace", () => {
  it.each([
    ["the SLACK_BOT_TOKEN workspace, DM", plain, null, "slack:@U1"],
    ["the SLACK_BOT_TOKEN workspace, channel", plain, "C777", "slack:C777"],
    ["an installed workspace, DM", installed, null, "slack:T0AAA/@U1"],
    ["an installed workspace, channel", installed, "C777", "slack:T0AAA/C777"],
  ])("%s → %s", async (_case, invoker, channel, target) => {
    const commands = handler();
    await commands.handle({ name: "watch", query: "H200", channel }, invoker);
    expect((await commands.watchesOf(invoker)).map((watch) => watch.target)).toEqual([target]);
  });
});
