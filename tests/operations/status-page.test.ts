import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFeedServer, type FeedServer } from "../fakes/feed-server.js";
import { repoRoot } from "../fakes/sample-config.js";
import { startOperationsRig, type OperationsRig } from "./operations-rig.js";

const STATUS_TOKEN = "st-7f3c9a1e-status-token-do-not-print";
const SLACK_BOT_TOKEN = "xoxb-1111-2222-slackbottokensecret";
const FEED_SECRET = "feedkey-a8d7e6f5";

/** Debian's Chromium, never a downloaded browser; a fresh profile (user data dir) each run, at phone size. */
async function launchChromium(profile: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 1,
  });
}

let feeds: FeedServer;
let rig: OperationsRig;
let browser: BrowserContext;
let profile: string;

beforeAll(async () => {
  feeds = await startFeedServer();
  feeds.route("/broken.xml", (_req, res) => void res.writeHead(503).end("down"));
  rig = await startOperationsRig({
    statusToken: STATUS_TOKEN,
    editYaml: (text) =>
      text
        .replace("sources:\n", `sources:\n  - { id: broken-wire, name: Broken Wire, url: "${feeds.url("/broken.xml")}?key=${FEED_SECRET}" }\n`)
        .replace("poll:\n  every: 10m", "poll:\n  every: 10m\n  allow_private_networks: true"),
  });
  await rig.worker.start();
  rig.setConnections([{ platform: "slack", problem: "socket reconnecting" }]);
  const now = rig.clock.now().toISOString();
  const { store } = rig.app;
  await store.enqueue([{ key: "k1", target: "slack:#news", group: "k1", part: 0, payload: { kind: "text", text: `secret body ${SLACK_BOT_TOKEN}` } }], now);
  const [message] = await store.listOutbox(["pending"]);
  await store.markFailed(message!.id, "channel_not_found");
  await store.pauseTarget("slack:#news", "channel_not_found: the channel was deleted", now);
  await store.addWatch({ owner: { platform: "slack", workspaceId: "T1", userId: "U1" }, query: "H200", target: "slack:@U1", createdAt: now });
  await store.addWatch({ owner: { platform: "slack", workspaceId: "T1", userId: "U2" }, query: "export controls", target: "slack:@U2", createdAt: now });
  await store.addWatch({ owner: { platform: "discord", workspaceId: null, userId: "130000000000000009" }, query: "芯片", target: "discord-user:130000000000000009", createdAt: now });
  profile = mkdtempSync(path.join(tmpdir(), "briefing-chromium-"));
  browser = await launchChromium(profile);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await rig?.close();
  await feeds?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe("/status", () => {
  it("asks for the token: 401 without it or with a wrong one", async () => {
    expect((await fetch(`${rig.baseUrl}/status`)).status).toBe(401);
    expect((await fetch(`${rig.baseUrl}/status?token=wrong`)).status).toBe(401);
    expect((await fetch(`${rig.baseUrl}/status`, { headers: { authorization: `Bearer ${STATUS_TOKEN}x` } })).status).toBe(401);
    expect((await fetch(`${rig.baseUrl}/status`, { headers: { authorization: `Bearer ${STATUS_TOKEN}` } })).status).toBe(200);
  });

  it("is off (404) when STATUS_TOKEN is not set", async () => {
    const off = await startOperationsRig();
    try {
      expect((await fetch(`${off.baseUrl}/status?token=anything`)).status).toBe(404);
    } finally {
      await off.close();
    }
  });

  it("renders in a real browser at phone width: feeds, outbox, paused destinations, next digest, watches; no secret anywhere", async () => {
    const page = await browser.newPage();
    const unauthorised = await page.goto(`${rig.baseUrl}/status`);
    expect(unauthorised?.status()).toBe(401);

    const response = await page.goto(`${rig.baseUrl}/status?token=${STATUS_TOKEN}`);
    expect(response?.status()).toBe(200);
    const body = await page.locator("body").innerText();
    expect(body).toContain("Not ready");
    expect(body).toMatch(/slack not connected: socket reconnecting/);
    for (const id of ["policy-wire", "chip-daily", "zh-tech"]) expect(body).toContain(id);
    expect(body).toMatch(/FAILING\s*Broken Wire/);
    expect(body).toMatch(/last error: .*503/);
    expect(body).toContain("1 failed");
    expect(body).toContain("channel_not_found: the channel was deleted");
    expect(body).toContain("briefing outbox retry");
    expect(body).toMatch(/daily\s*console/);
    expect(body).toMatch(/next run Fri 16 Jan 2026, 09:00 Asia\/Shanghai/);
    expect(await page.locator("time").first().getAttribute("datetime")).toBe("2026-01-16T01:00:00.000Z");
    expect(body).toMatch(/discord\s*1 watch/);
    expect(body).toMatch(/slack\s*2 watch/);

    // Readable on a phone: nothing wider than the screen.
    expect(Number(await page.evaluate("document.documentElement.scrollWidth"))).toBeLessThanOrEqual(390);
    const html = await page.content();
    for (const secret of [STATUS_TOKEN, SLACK_BOT_TOKEN, FEED_SECRET, "secret body"]) expect(html, secret).not.toContain(secret);
    expect(await page.locator("script").count()).toBe(0);

    const shot = await page.screenshot({ fullPage: true });
    expect(shot.subarray(1, 4).toString("latin1")).toBe("PNG");
    expect(shot.readUInt32BE(16)).toBe(390);
    if (process.env.BRIEFING_UPDATE_DOCS === "1") writeFileSync(path.join(repoRoot, "docs/status-page.png"), shot);
    await page.close();
  }, 60_000);
});
