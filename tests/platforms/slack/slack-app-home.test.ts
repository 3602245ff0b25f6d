import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { BriefCommand, Invoker } from "../../../src/commands/brief-command.js";
import type { CommandHandler, WatchSummary } from "../../../src/commands/command-handler.js";
import { createManualClock } from "../../../src/domain/clock.js";
import { createSlackPlatform, type SlackHomeSource, type SlackPlatform, type TenantHome } from "../../../src/platforms/slack/index.js";
import { startFakeSlackApi, type FakeSlackApi } from "../../fakes/fake-slack-api.js";
import { BOT_TOKEN, captureLog, postToSlackApp, SIGNING_SECRET } from "./slack-test-kit.js";

const clock = createManualClock("2026-03-02T09:00:00Z");
const nowSec = () => Math.floor(clock.now().getTime() / 1000);

/** Watches kept per user; `unwatch` removes only the invoker's own, as the real handler does. */
function watchesHandler(initial: Record<string, WatchSummary[]>): CommandHandler & { commands: Array<{ command: BriefCommand; invoker: Invoker }> } {
  const byUser = new Map(Object.entries(initial));
  const commands: Array<{ command: BriefCommand; invoker: Invoker }> = [];
  return {
    commands,
    async handle(command, invoker) {
      commands.push({ command, invoker });
      if (command.name !== "unwatch") return { visibility: "ephemeral", kind: "text", text: "?" };
      const own = byUser.get(invoker.userId) ?? [];
      byUser.set(invoker.userId, own.filter((watch) => watch.id !== command.watchId));
      return { visibility: "ephemeral", kind: "text", text: "removed" };
    },
    async watchesOf(invoker) {
      return byUser.get(invoker.userId) ?? [];
    },
  };
}

const tenant: TenantHome = {
  feeds: [
    { id: "xinhua", name: "Xinhua <English>", health: "ok" },
    { id: "cac", name: null, health: "paused" },
  ],
  digests: [{ id: "news", target: "#china-ai", nextRunAt: "2026-03-03T01:00:00.000Z", timeZone: "Asia/Shanghai" }],
};

let fake: FakeSlackApi;
let platform: SlackPlatform;
let baseUrl: string;
let handler: ReturnType<typeof watchesHandler>;
let asked: Array<{ workspaceId: string; isDefault: boolean }>;

beforeEach(async () => {
  fake = await startFakeSlackApi({ botToken: BOT_TOKEN });
  handler = watchesHandler({
    U0ANN: [
      { id: "7", query: "\"export controls\" AND chips", target: "slack:@U0ANN" },
      { id: "9", query: "<!channel> deepseek", target: "slack:#ops" },
    ],
    U0BOB: [{ id: "8", query: "bob's watch", target: "slack:@U0BOB" }],
  });
  asked = [];
  const home: SlackHomeSource = {
    async tenantHome(workspace) {
      asked.push(workspace);
      return tenant;
    },
  };
  platform = createSlackPlatform({ botToken: BOT_TOKEN, home, signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl, port: 0, host: "127.0.0.1", handler, admins: [], log: captureLog(), clock });
  baseUrl = `http://127.0.0.1:${(await platform.start()).port}`;
});

afterEach(async () => {
  await platform.stop();
  await fake.close();
});

function openHome(userId: string, tab = "home") {
  const body = JSON.stringify({
    type: "event_callback",
    team_id: "T0FAKE",
    api_app_id: "A0FAKE",
    event_id: `Ev${Math.random().toString(36).slice(2)}`,
    event_time: nowSec(),
    event: { type: "app_home_opened", user: userId, channel: "D0HOME", tab, event_ts: `${nowSec()}.000100` },
  });
  return postToSlackApp(baseUrl, body, { timestampSec: nowSec(), headers: { "content-type": "application/json" } });
}

function pressRemove(userId: string, watchId: string) {
  const payload = {
    type: "block_actions",
    team: { id: "T0FAKE", domain: "fake" },
    user: { id: userId, team_id: "T0FAKE" },
    api_app_id: "A0FAKE",
    token: "legacy",
    trigger_id: "trigger-1",
    container: { type: "view", view_id: "V0HOME" },
    view: { id: "V0HOME", type: "home", team_id: "T0FAKE" },
    actions: [{ type: "button", action_id: "briefing_watch_remove", block_id: "b1", value: watchId, action_ts: `${nowSec()}.000200` }],
  };
  return postToSlackApp(baseUrl, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), { timestampSec: nowSec() });
}

const texts = (blocks: Array<Record<string, unknown>>) => blocks.map((block) => JSON.stringify(block)).join("\n");

describe("Slack App Home", () => {
  it("publishes the member's watches with remove buttons, the workspace's feeds with health and the next digests", async () => {
    expect((await openHome("U0ANN")).status).toBe(200);
    await vi.waitFor(() => expect(fake.views).toHaveLength(1));
    const [published] = fake.views;
    expect(published).toMatchObject({ userId: "U0ANN", token: BOT_TOKEN, view: { type: "home" } });
    expect(asked).toEqual([{ workspaceId: "T0FAKE", isDefault: true }]);
    const buttons = published!.view.blocks.flatMap((block) => (block.accessory ? [block.accessory] : []));
    expect(buttons).toEqual([
      expect.objectContaining({ type: "button", action_id: "briefing_watch_remove", value: "7" }),
      expect.objectContaining({ type: "button", action_id: "briefing_watch_remove", value: "9" }),
    ]);
    const all = texts(published!.view.blocks);
    expect(all).toContain("export controls");
    expect(all).not.toContain("bob's watch");
    // Feed and watch text cannot ping or inject links.
    expect(all).not.toContain("<!channel>");
    expect(all).toContain("Xinhua &lt;English&gt;");
    expect(all).toMatch(/cac\* · paused/);
    expect(all).toContain("next Tue 3 Mar, 09:00 (Asia/Shanghai)");
  });

  it("publishes nothing for the Messages tab", async () => {
    await openHome("U0ANN", "messages");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fake.callsTo("views.publish")).toEqual([]);
  });

  it("removes a watch through the shared unwatch command and publishes the tab again without it", async () => {
    expect((await pressRemove("U0ANN", "7")).status).toBe(200);
    await vi.waitFor(() => expect(fake.views).toHaveLength(1));
    expect(handler.commands).toEqual([
      { command: { name: "unwatch", watchId: "7" }, invoker: expect.objectContaining({ platform: "slack", workspaceId: "T0FAKE", userId: "U0ANN", isPlatformAdmin: false }) },
    ]);
    const values = fake.views[0]!.view.blocks.flatMap((block) => ((block.accessory as { value?: string } | undefined)?.value ?? []));
    expect(values).toEqual(["9"]);
  });

  it("cannot remove another member's watch: the command runs as the member who pressed", async () => {
    await pressRemove("U0BOB", "7");
    await vi.waitFor(() => expect(fake.views).toHaveLength(1));
    expect(fake.views[0]!.userId).toBe("U0BOB");
    expect(await handler.watchesOf({ platform: "slack", workspaceId: "T0FAKE", channelId: "", userId: "U0ANN", isPlatformAdmin: false })).toHaveLength(2);
  });
});
