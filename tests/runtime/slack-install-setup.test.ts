import { describe, expect, it } from "vitest";
import { runCliCaptured } from "../fakes/run-cli.js";
import { sampleConfig } from "../fakes/sample-config.js";

const CLIENT_SECRET = "client-secret-abcdef123456";

describe("multi-workspace Slack setup", () => {
  it.each([
    ["without BRIEFING_SECRET_KEY", { SLACK_CLIENT_ID: "1.2", SLACK_CLIENT_SECRET: CLIENT_SECRET, SLACK_SIGNING_SECRET: "signing-secret-123456" }, /SLACK_CLIENT_ID\) needs BRIEFING_SECRET_KEY/],
    ["with a client id but no secret", { SLACK_CLIENT_ID: "1.2", SLACK_SIGNING_SECRET: "signing-secret-123456", BRIEFING_SECRET_KEY: "a".repeat(64) }, /needs both SLACK_CLIENT_ID and SLACK_CLIENT_SECRET/],
    ["in Socket Mode", { SLACK_CLIENT_ID: "1.2", SLACK_CLIENT_SECRET: CLIENT_SECRET, SLACK_APP_TOKEN: "xapp-1-abcdef", BRIEFING_SECRET_KEY: "a".repeat(64) }, /needs HTTP mode/],
  ])("refuses to start %s, saying what to set, and never prints the client secret", async (_case, env, message) => {
    const config = await sampleConfig();
    const result = await runCliCaptured(["run", "--config", config], { env });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(message);
    expect(result.stderr + result.stdout).not.toContain(CLIENT_SECRET);
  });
});
