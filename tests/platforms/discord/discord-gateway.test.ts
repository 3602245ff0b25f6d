import { GatewayIntentBits } from "discord.js";
import { afterEach, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "./discord-harness.js";

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe("the Discord gateway session", () => {
  it("logs in with the Guilds intent only, and heartbeats are acknowledged", async () => {
    harness = await startHarness({ fake: { heartbeatIntervalMs: 40 } });
    const { fake } = harness;
    expect(fake.requests.find((r) => r.path === "/gateway/bot")).toMatchObject({ method: "GET", authorization: `Bot ${fake.token}`, status: 200 });
    expect(fake.gateway.identifies).toHaveLength(1);
    expect(fake.gateway.identifies[0]).toMatchObject({ token: fake.token, intents: GatewayIntentBits.Guilds });
    await fake.waitFor(() => fake.gateway.heartbeats >= 2, "two heartbeats");
    expect(fake.gateway.readySessions()).toBe(1);
  });

  it("refuses to start with a wrong token and never logs it", async () => {
    const wrong = "MTMwMDAwMDAwMDAwMDAwMDAwMQ.GwR0nG.wr0ngT0k3nTh4tMustN3v3rBeL0gg3dAnywh3re";
    harness = await startHarness({ start: false, platform: { token: wrong } });
    await expect(harness.platform.start()).rejects.toThrow(/token/i);
    expect(harness.fake.requests.at(-1)).toMatchObject({ path: "/gateway/bot", status: 401 });
    expect(harness.log.text()).not.toContain(wrong);
    expect(harness.log.text()).not.toContain("wr0ngT0k3n");
  });
});
