import { describe, expect, it } from "vitest";
import { parseConfigText } from "../../src/config/load-config.js";
import { createManualClock } from "../../src/domain/clock.js";
import type { SourceState } from "../../src/domain/source-state.js";
import { createSlackHomeSource } from "../../src/runtime/slack-home-source.js";

const { config } = parseConfigText(
  `beat: China AI policy
timezone: Asia/Shanghai
sources:
  - { id: wire, name: Wire, url: "https://wire.example/feed" }
  - { id: cac, url: "https://cac.example/feed" }
topics:
  - { id: export-controls, name: Export controls, query: '"export controls"' }
digests:
  - { id: morning, to: "slack:#china-ai", schedule: "0 9 * * 1-5" }
  - { id: alpha, to: "slack:T0AAA/#news", schedule: "30 8 * * *", timezone: Europe/Berlin }
  - { id: discord, to: "discord:123456789012345678", schedule: "0 9 * * *" }
`,
  "inline.yaml",
);

const clock = createManualClock("2026-03-02T09:30:00Z");
const failing = { sourceId: "cac", lastPolledAt: "2026-03-02T09:00:00Z", consecutiveFailures: 3 } as SourceState;
const home = createSlackHomeSource({ config: () => config, store: { listSourceStates: async () => [failing] }, clock });

describe("what the Slack Home tab shows of a workspace", () => {
  it("shows the config's feeds with health and its unqualified Slack digests in the default workspace", async () => {
    expect(await home.tenantHome({ workspaceId: "T0FAKE", isDefault: true })).toEqual({
      feeds: [
        { id: "wire", name: "Wire", health: "never polled" },
        { id: "cac", name: null, health: "failing" },
      ],
      digests: [{ id: "morning", target: "#china-ai", nextRunAt: "2026-03-03T01:00:00.000Z", timeZone: "Asia/Shanghai" }],
    });
  });

  it("shows an installed workspace only the digests qualified with its team, and none of the default feeds", async () => {
    expect(await home.tenantHome({ workspaceId: "T0AAA", isDefault: false })).toEqual({
      feeds: [],
      digests: [{ id: "alpha", target: "#news", nextRunAt: "2026-03-03T07:30:00.000Z", timeZone: "Europe/Berlin" }],
    });
    expect(await home.tenantHome({ workspaceId: "T0BBB", isDefault: false })).toEqual({ feeds: [], digests: [] });
  });
});
