import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { createOAuthStateStore } from "../../../src/platforms/slack/oauth/oauth-state-store.js";
import { createSecretBox, createSqliteInstallationStore, openDatabase } from "../../../src/store/index.js";

function store(secret = "state-secret") {
  const db: Database.Database = openDatabase(":memory:");
  const states = createSqliteInstallationStore(db, createSecretBox(Buffer.alloc(32, 1)));
  return createOAuthStateStore({ states, secret, installOptions: { scopes: ["commands"] }, ttlMs: 10 * 60_000 });
}

const at = (iso: string) => new Date(iso);

describe("OAuth state store", () => {
  it("accepts a state once, within its ten minutes", async () => {
    const states = store();
    const state = await states.generateStateParam({ scopes: ["commands"] }, at("2026-03-02T09:00:00Z"));
    await expect(states.verifyStateParam(at("2026-03-02T09:09:59Z"), state)).resolves.toEqual({ scopes: ["commands"] });
    await expect(states.verifyStateParam(at("2026-03-02T09:10:00Z"), state)).rejects.toThrow(/already used or has expired/);
  });

  it.each([
    ["expired", "2026-03-02T09:10:00Z"],
    ["far in the future", "2027-01-01T00:00:00Z"],
  ])("refuses a state used when %s", async (_when, usedAt) => {
    const states = store();
    const state = await states.generateStateParam({ scopes: [] }, at("2026-03-02T09:00:00Z"));
    await expect(states.verifyStateParam(at(usedAt), state)).rejects.toMatchObject({ code: "slack_oauth_invalid_state" });
  });

  it.each([
    ["unsigned", (state: string) => state.split(".")[0]!],
    ["signed with another secret", async () => (await store("other").generateStateParam({ scopes: [] }, at("2026-03-02T09:00:00Z")))],
    ["altered", (state: string) => `${state.slice(0, 5)}${state[5] === "x" ? "y" : "x"}${state.slice(6)}`],
    ["empty", () => ""],
  ])("refuses a %s state", async (_kind, forge) => {
    const states = store();
    const state = await states.generateStateParam({ scopes: [] }, at("2026-03-02T09:00:00Z"));
    await expect(states.verifyStateParam(at("2026-03-02T09:01:00Z"), await forge(state))).rejects.toThrow(/not issued by this bot/);
    await expect(states.verifyStateParam(at("2026-03-02T09:01:00Z"), state)).resolves.toBeDefined();
  });
});
