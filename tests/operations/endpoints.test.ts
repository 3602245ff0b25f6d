import { afterEach, describe, expect, it } from "vitest";
import { DeliveryError } from "../../src/outbox/index.js";
import { startOperationsRig, type OperationsRig } from "./operations-rig.js";

const rigs: OperationsRig[] = [];
afterEach(async () => {
  await Promise.all(rigs.splice(0).map((rig) => rig.close().catch(() => undefined)));
});
async function rig(options?: Parameters<typeof startOperationsRig>[0]) {
  const started = await startOperationsRig(options);
  rigs.push(started);
  return started;
}
const get = async (url: string, init?: RequestInit) => {
  const response = await fetch(url, init);
  return { status: response.status, body: await response.text(), headers: response.headers };
};

describe("/healthz", () => {
  it("answers 200 while the process is up, before anything else has happened", async () => {
    const { baseUrl } = await rig();
    expect(await get(`${baseUrl}/healthz`)).toMatchObject({ status: 200, body: "ok\n" });
  });

  it("refuses writes and unknown paths", async () => {
    const { baseUrl } = await rig();
    expect((await get(`${baseUrl}/healthz`, { method: "POST" })).status).toBe(405);
    expect((await get(`${baseUrl}/admin`)).status).toBe(404);
  });
});

describe("/readyz", () => {
  it("is 503 until the first poll cycle finishes, then 200", async () => {
    const { baseUrl, worker } = await rig();
    const before = await get(`${baseUrl}/readyz`);
    expect(before.status).toBe(503);
    expect(before.body).toContain("no poll cycle has finished yet");
    await worker.start();
    expect(await get(`${baseUrl}/readyz`)).toMatchObject({ status: 200, body: "ready\n" });
  });

  it("is 503 once the last poll cycle is older than three poll intervals", async () => {
    const { baseUrl, worker, clock, app } = await rig();
    await worker.start();
    clock.advance(3 * app.config.poll.every - 1_000);
    expect((await get(`${baseUrl}/readyz`)).status).toBe(200);
    clock.advance(2_000);
    const stale = await get(`${baseUrl}/readyz`);
    expect(stale.status).toBe(503);
    expect(stale.body).toMatch(/last poll cycle finished \d+ s ago \(limit 1800 s\)/);
  });

  it("is 503 naming the store when the database cannot answer", async () => {
    const { baseUrl, worker, app } = await rig();
    await worker.start();
    await app.storage.close();
    const answer = await get(`${baseUrl}/readyz`);
    expect(answer.status).toBe(503);
    expect(answer.body).toContain("store unreachable");
  });

  it("is 503 naming each chat platform that is not connected, or was stopped for a revoked token", async () => {
    const revokedSlack = { send: async () => Promise.reject(new DeliveryError("permanent", "slack token_revoked", { scope: "platform" })) };
    const { baseUrl, worker, setConnections, app } = await rig({ senders: { slack: revokedSlack } });
    await worker.start();
    setConnections([{ platform: "slack", problem: "not started" }, { platform: "discord", problem: "gateway reconnecting" }]);
    const starting = await get(`${baseUrl}/readyz`);
    expect(starting.status).toBe(503);
    expect(starting.body).toContain("slack not connected: not started");
    expect(starting.body).toContain("discord not connected: gateway reconnecting");
    setConnections([{ platform: "slack", problem: null }, { platform: "discord", problem: null }]);
    expect((await get(`${baseUrl}/readyz`)).status).toBe(200);

    // The relay stops a platform whose token was revoked; readiness says so until a restart.
    await app.store.enqueue([{ key: "k", target: "slack:#news", group: "k", part: 0, payload: { kind: "text", text: "x" } }], "2026-01-15T02:00:00.000Z");
    await app.relay.drain();
    const revoked = await get(`${baseUrl}/readyz`);
    expect(revoked.status).toBe(503);
    expect(revoked.body).toMatch(/^slack not connected: .*token_revoked/m);
    expect(revoked.body).not.toContain("discord");
  });
});
