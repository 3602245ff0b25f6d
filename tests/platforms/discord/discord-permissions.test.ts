import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PERMISSIONS, type CommandSpec } from "../../fakes/fake-discord.js";
import { ALICE, BOB, CAROL, startHarness, type Harness } from "./discord-harness.js";
import { shown } from "./discord-test-data.js";

/** A role id on the allow-list: everyone holding it may take channel-wide actions. */
const BRIEFING_EDITORS = "1300000000000009999";
const OTHER_ROLE = "1300000000000009998";
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ fake: { roles: [BRIEFING_EDITORS, OTHER_ROLE] }, platform: { admins: [CAROL.id, BRIEFING_EDITORS] } });
});
afterAll(async () => h.close());

async function digestNow(spec: Omit<CommandSpec, "subcommand">) {
  const { id } = h.fake.dispatch({ subcommand: "digest", options: { now: true }, ...spec });
  const edit = await h.fake.waitFor(() => h.fake.responsesTo(id).find((r) => r.kind === "edit"), "the answer");
  return { invoker: h.handler.calls.at(-1)?.invoker, text: shown(edit.body.content) };
}

describe("channel-wide actions on Discord need Manage Server or the allow-list", () => {
  it.each<[string, Omit<CommandSpec, "subcommand">, boolean]>([
    ["a member without Manage Server", { user: BOB, permissions: PERMISSIONS.member }, false],
    ["a member with Manage Server", { user: ALICE, permissions: PERMISSIONS.member | PERMISSIONS.manageGuild }, true],
    ["an Administrator", { user: ALICE, permissions: PERMISSIONS.administrator }, true],
    ["an allow-listed user without Manage Server", { user: CAROL, permissions: PERMISSIONS.member }, true],
    ["a DM (no server permissions)", { user: BOB, dm: true }, false],
    ["an allow-listed user in a DM", { user: CAROL, dm: true }, true],
    ["a member holding an allow-listed role", { user: BOB, permissions: PERMISSIONS.member, roles: [BRIEFING_EDITORS] }, true],
    ["a member holding other roles only", { user: BOB, permissions: PERMISSIONS.member, roles: [OTHER_ROLE] }, false],
  ])("%s → admin %s", async (_name, spec, admin) => {
    const { invoker, text } = await digestNow(spec);
    expect(invoker?.isPlatformAdmin).toBe(admin);
    expect(invoker?.workspaceId).toBe(spec.dm ? null : h.fake.guildId);
    if (admin) expect(text).toBe("ok digest");
    else expect(text).toBe("Only admins can do that.");
  });

  it("takes the user and channel from the verified payload in a DM", async () => {
    const { id, channelId } = h.fake.dispatch({ subcommand: "watches", user: BOB, dm: true });
    await h.fake.waitFor(() => h.fake.responsesTo(id)[0], "the answer");
    expect(h.handler.calls.at(-1)?.invoker).toEqual({ platform: "discord", workspaceId: null, channelId, userId: BOB.id, isPlatformAdmin: false });
  });
});
