import { describe, expect, it } from "vitest";
import { createManualClock } from "../../src/domain/clock.js";
import { createCliContext } from "../../src/runtime/cli/cli-context.js";
import { createLogger } from "../../src/runtime/logger.js";

function capture(secrets: string[]) {
  const lines: string[] = [];
  const log = createLogger({ level: "debug", secrets, pretty: false, destination: { write: (line: string) => lines.push(line) } as unknown as NodeJS.WritableStream });
  return { log, text: () => lines.join("") };
}

describe("logger", () => {
  it("masks secret values wherever they appear, even inside messages and errors", () => {
    const { log, text } = capture(["xoxb-1111-2222-abcdefsecret"]);
    log.error({ err: new Error("auth failed for xoxb-1111-2222-abcdefsecret") }, "posting with xoxb-1111-2222-abcdefsecret failed");
    expect(text()).not.toContain("xoxb-1111-2222-abcdefsecret");
    expect(text()).toContain("[redacted]");
  });

  it.each([
    [{ token: "t-123456789" }],
    [{ request: { headers: { authorization: "Bearer abcdef123456" } } }],
    [{ options: { signingSecret: "s3cr3t-value" } }],
    [{ target: { webhookUrl: "https://discord.com/api/webhooks/1/abc" } }],
  ])("redacts secret-named keys %j without being told the value", (fields) => {
    const { log, text } = capture([]);
    log.info(fields, "event");
    const record = JSON.parse(text()) as Record<string, unknown>;
    expect(JSON.stringify(record)).toContain("[redacted]");
    expect(JSON.stringify(record)).not.toMatch(/t-123456789|abcdef123456|s3cr3t-value|webhooks\/1\/abc/);
  });

  it("writes one JSON object per line with snake_case fields as given", () => {
    const { log, text } = capture([]);
    log.child({ job: "poll", source: "wire" }).info({ new_items: 3 }, "polled");
    expect(JSON.parse(text())).toMatchObject({ job: "poll", source: "wire", new_items: 3, msg: "polled" });
  });
});

describe("the CLI's logger", () => {
  it("never prints DATABASE_URL, nor its password on its own (as a driver's error might)", () => {
    let written = "";
    const ctx = createCliContext({
      stdout: { write: () => true },
      stderr: { write: (text: string) => ((written += text), true) },
      env: { DATABASE_URL: "postgres://bot:pa%24%24word-9f3@db.internal:5432/briefing", LOG_LEVEL: "info" },
      clock: createManualClock("2026-01-15T00:00:00.000Z"),
      stopSignal: new Promise(() => undefined),
    });
    ctx.logger().error({ err: new Error("password authentication failed: pa$$word-9f3 rejected") }, "cannot reach postgres://bot:pa%24%24word-9f3@db.internal:5432/briefing");
    expect(written).toContain("cannot reach");
    expect(written).not.toContain("pa$$word-9f3");
    expect(written).not.toContain("pa%24%24word-9f3");
  });
});
