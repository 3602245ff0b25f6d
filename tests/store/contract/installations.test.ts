import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createSecretBox } from "../../../src/store/index.js";
import { freshStoreEach, storeEngines } from "../../fakes/store-engines.js";

const box = createSecretBox(randomBytes(32));
const record = JSON.stringify({ team: { id: "T1" }, bot: { token: "xoxb-secret-token" } });
const installation = { tenantId: "slack:T1", platform: "slack" as const, teamName: "Acme", installedBy: "U1", installedAt: "2026-03-02T09:00:00.000Z", record };

describe.each(storeEngines)("installations in the %s store", (engine) => {
  const db = freshStoreEach(engine);

  it("keeps an installation's record sealed at rest and opens it with the key", async () => {
    const { installations, peek } = db();
    const store = installations(box);
    await store.saveInstallation(installation);
    expect(String(await peek("SELECT sealed FROM installations"))).not.toContain("xoxb-secret-token");
    expect(await store.getInstallation("slack:T1")).toEqual(installation);
    await expect(installations(createSecretBox(randomBytes(32))).getInstallation("slack:T1")).rejects.toThrow(/not the key it was sealed with/);
  });

  it("replaces a reinstall, lists installations without records, and forgets an uninstall", async () => {
    const store = db().installations(box);
    await store.saveInstallation(installation);
    await store.saveInstallation({ ...installation, teamName: "Acme Corp", installedBy: "U2" });
    await store.saveInstallation({ tenantId: "discord:42", platform: "discord", teamName: null, installedBy: null, installedAt: "2026-03-01T09:00:00.000Z", record: "{}" });
    const { record: _record, ...summary } = installation;
    expect(await store.listInstallations()).toEqual([
      { tenantId: "discord:42", platform: "discord", teamName: null, installedBy: null, installedAt: "2026-03-01T09:00:00.000Z" },
      { ...summary, teamName: "Acme Corp", installedBy: "U2" },
    ]);
    expect(await store.deleteInstallation("slack:T1")).toBe(true);
    expect(await store.deleteInstallation("slack:T1")).toBe(false);
    expect(await store.getInstallation("slack:T1")).toBeNull();
  });

  it("takes an OAuth state once, and only before it expires", async () => {
    const store = db().installations(box);
    await store.saveOAuthState("s1", "2026-03-02T09:10:00.000Z");
    await store.saveOAuthState("s2", "2026-03-02T09:10:00.000Z");
    expect(await store.takeOAuthState("s1", "2026-03-02T09:09:59.000Z")).toBe(true);
    expect(await store.takeOAuthState("s1", "2026-03-02T09:09:59.000Z")).toBe(false);
    expect(await store.takeOAuthState("s2", "2026-03-02T09:10:00.000Z")).toBe(false);
    expect(await store.takeOAuthState("never-issued", "2026-03-02T09:00:00.000Z")).toBe(false);
  });
});
