import { describe, expect, it } from "vitest";
import { createManualClock } from "../../src/domain/clock.js";
import { createSlackPlatform } from "../../src/platforms/slack/index.js";
import { createFakeCommandHandler } from "../fakes/fake-command-handler.js";
import { startFakeSlackApi } from "../fakes/fake-slack-api.js";
import { startFakeSlackSocket } from "../fakes/fake-slack-socket.js";
import { startHarness } from "../platforms/discord/discord-harness.js";
import { APP_TOKEN, BOT_TOKEN, captureLog } from "../platforms/slack/slack-test-kit.js";

describe("what /readyz learns from the chat platforms", () => {
  it("Discord: not started, then connected, then stopped", async () => {
    const harness = await startHarness({ start: false });
    try {
      expect(harness.platform.connectionProblem()).toBe("not started");
      await harness.platform.start();
      expect(harness.platform.connectionProblem()).toBeNull();
    } finally {
      await harness.close();
    }
    expect(harness.platform.connectionProblem()).toBe("stopped");
  });

  it("Slack Socket Mode: not started, connected, then not started again once stopped", async () => {
    const socket = await startFakeSlackSocket();
    const fake = await startFakeSlackApi({ botToken: BOT_TOKEN, appToken: APP_TOKEN, socketUrl: socket.url });
    const platform = createSlackPlatform({ botToken: BOT_TOKEN, appToken: APP_TOKEN, apiUrl: fake.apiUrl, port: 0, handler: createFakeCommandHandler(), admins: [], log: captureLog(), clock: createManualClock("2026-03-02T09:00:00Z") });
    try {
      expect(platform.connectionProblem()).toBe("not started");
      await platform.start();
      expect(platform.connectionProblem()).toBeNull();
    } finally {
      await platform.stop();
      await socket.close();
      await fake.close();
    }
    expect(platform.connectionProblem()).toBe("not started");
  }, 30_000);
});
