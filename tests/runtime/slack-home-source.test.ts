import { beforeEach, describe, expect, it } from "vitest";
import { parseConfigText } from "../../src/config/load-config.js";
import { createManualClock } from "../../src/domain/clock.js";
import type { SourceState } from "../../src/domain/source-state.js";
import { createSlackHomeSource } from "../../src/runtime/slack-home-source.js";
import { loadTenantView } from "../../src/runtime/tenants/tenant-view.js";
import { createSqliteStore, DEFAULT_TENANT, openDatabase, type Store } from "../../src/store/index.js";

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
const by = { actor: "slack:U0ADMIN", at: clock.now().toISOString() };
const states: SourceState[] = [
  { sourceId: "cac", lastPolledAt: "2026-03-02T09:00:00Z", consecutiveFailures: 3 } as SourceState,
  { sourceId: "feed-bbbbbbbbbb", lastPolledAt: "2026-03-02T09:00:00Z", consecutiveFailures: 4 } as SourceState,
];
let store: Store;
let home: ReturnType<typeof createSlackHomeSource>;

beforeEach(() => {
  store = createSqliteStore(openDatabase(":memory:"));
  home = createSlackHomeSource({
    config: () => config,
    store: { listSourceStates: async () => states, channelDigests: (tenantId) => store.channelDigests(tenantId) },
    view: () => loadTenantView(store, config),
    clock,
  });
});

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

  it("adds the default tenant's chat feeds and chat digests to the YAML ones, without repeating a configured feed", async () => {
    await store.subscribeFeed({ tenantId: DEFAULT_TENANT, feedId: "feed-dddddddddd", url: "https://d.example/feed", title: "Default Extra" }, by);
    await store.subscribeFeed({ tenantId: DEFAULT_TENANT, feedId: "wire", url: "https://wire.example/feed", title: "Wire again" }, by);
    await store.setChannelDigest({ tenantId: DEFAULT_TENANT, target: "slack:C0GEN", schedule: "0 18 * * *", topics: [], timeZone: "UTC" }, by);
    const seen = await home.tenantHome({ workspaceId: "T0FAKE", isDefault: true });
    expect(seen.feeds.map((feed) => [feed.id, feed.name])).toEqual([["wire", "Wire"], ["cac", null], ["feed-dddddddddd", "Default Extra"]]);
    expect(seen.digests).toContainEqual({ id: "chat:slack:C0GEN", target: "C0GEN", nextRunAt: "2026-03-02T18:00:00.000Z", timeZone: "UTC" });
  });

  it("shows a workspace with its own tenant only that tenant's feeds (with health) and chat digests, never another's", async () => {
    for (const [team, feed] of [["T0AAA", "aaaaaaaaaa"], ["T0BBB", "bbbbbbbbbb"]] as const) {
      const tenantId = `slack:${team}`;
      await store.createTenant(tenantId, by);
      await store.subscribeFeed({ tenantId, feedId: `feed-${feed}`, url: `https://${feed}.example/feed`, title: `Feed of ${team}` }, by);
      await store.setChannelDigest({ tenantId, target: `slack:${team}/C0${team}`, schedule: "0 7 * * *", topics: [], timeZone: null }, by);
    }
    expect(await home.tenantHome({ workspaceId: "T0AAA", isDefault: false })).toEqual({
      feeds: [{ id: "feed-aaaaaaaaaa", name: "Feed of T0AAA", health: "never polled" }],
      digests: [
        { id: "alpha", target: "#news", nextRunAt: "2026-03-03T07:30:00.000Z", timeZone: "Europe/Berlin" },
        { id: "chat:slack:T0AAA/C0T0AAA", target: "C0T0AAA", nextRunAt: "2026-03-02T23:00:00.000Z", timeZone: "Asia/Shanghai" },
      ],
    });
    expect(await home.tenantHome({ workspaceId: "T0BBB", isDefault: false })).toEqual({
      feeds: [{ id: "feed-bbbbbbbbbb", name: "Feed of T0BBB", health: "failing" }],
      digests: [{ id: "chat:slack:T0BBB/C0T0BBB", target: "C0T0BBB", nextRunAt: "2026-03-02T23:00:00.000Z", timeZone: "Asia/Shanghai" }],
    });
    // The default workspace shows neither tenant's feeds nor digests.
    const defaults = await home.tenantHome({ workspaceId: "T0FAKE", isDefault: true });
    expect(JSON.stringify(defaults)).not.toMatch(/T0AAA|T0BBB|aaaaaaaaaa|bbbbbbbbbb/);
  });

  it("shows a workspace that reads the default tenant its feeds, but not the default workspace's plain-channel digests", async () => {
    await store.setChannelDigest({ tenantId: DEFAULT_TENANT, target: "slack:C0GEN", schedule: "0 18 * * *", topics: [], timeZone: null }, by);
    const seen = await home.tenantHome({ workspaceId: "T0CCC", isDefault: false });
    expect(seen.feeds.map((feed) => feed.id)).toEqual(["wire", "cac"]);
    expect(seen.digests).toEqual([]);
  });
});
