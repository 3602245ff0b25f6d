import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { createManualClock } from "../../src/domain/clock.js";
import { createSlackPlatform, type SlackPlatform } from "../../src/platforms/slack/index.js";
import { createOperationsRoutes } from "../../src/runtime/operations/operations-routes.js";
import { listenForOperations } from "../../src/runtime/operations/operations-server.js";
import { createFakeCommandHandler } from "../fakes/fake-command-handler.js";
import { startFakeSlackApi, type FakeSlackApi } from "../fakes/fake-slack-api.js";
import { repoRoot } from "../fakes/sample-config.js";
import { BOT_TOKEN, captureLog, postToSlackApp, SIGNING_SECRET, slashCommandForm } from "../platforms/slack/slack-test-kit.js";

const routes = createOperationsRoutes({
  readiness: async () => ({ ready: true, reasons: [] }),
  metrics: async () => "briefing_polls_total 0\n",
  statusPage: async () => "<p>status</p>",
  statusToken: undefined,
  onError: () => undefined,
});

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close();
});

describe("operations routes beside Slack's HTTP receiver", () => {
  it("serves /healthz and /metrics on the Slack port while Slack's paths keep their signature check", async () => {
    const clock = createManualClock("2026-03-02T09:00:00Z");
    const fake: FakeSlackApi = await startFakeSlackApi({ botToken: BOT_TOKEN });
    cleanup.push(() => fake.close());
    const platform: SlackPlatform = createSlackPlatform({ botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl, port: 0, host: "127.0.0.1", handler: createFakeCommandHandler(), admins: [], log: captureLog(), clock });
    const started = await platform.start(routes);
    cleanup.push(() => platform.stop());
    const base = `http://127.0.0.1:${started.port}`;
    expect(await (await fetch(`${base}/healthz`)).text()).toBe("ok\n");
    expect(await (await fetch(`${base}/metrics`)).text()).toContain("briefing_polls_total");
    const unsigned = await fetch(`${base}/slack/events`, { method: "POST", body: slashCommandForm({ text: "help" }), headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(unsigned.status).toBe(401);
    const stale = await postToSlackApp(base, slashCommandForm({ text: "help" }), { timestampSec: Math.floor(clock.now().getTime() / 1000) - 3600 });
    expect(stale.status).toBe(401);
  });
});

describe("the Docker HEALTHCHECK", () => {
  it("exits 0 against a live /healthz on PORT and 1 when nothing answers", async () => {
    const dockerfile = await readFile(path.join(repoRoot, "Dockerfile"), "utf8");
    const command = /^\s*CMD (\[.*\])$/m.exec(dockerfile.slice(dockerfile.indexOf("HEALTHCHECK")))?.[1];
    const [program, ...args] = JSON.parse(command ?? "[]") as string[];
    expect(program).toBe("node");
    const server = await listenForOperations(routes, 0, "127.0.0.1");
    const run = (port: number) =>
      promisify(execFile)(process.execPath, args, { env: { PORT: String(port) } }).then(() => 0, (error: { code?: number }) => error.code ?? -1);
    try {
      expect(await run(server.port)).toBe(0);
    } finally {
      await server.close();
    }
    expect(await run(server.port)).toBe(1);
  });
});
