import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { briefCommandDefinition } from "../../../src/platforms/discord/index.js";
import { startFakeDiscord, type FakeDiscord } from "../../fakes/fake-discord.js";
import { Command } from "commander";
import { createManualClock } from "../../../src/domain/clock.js";
import { createCliContext } from "../../../src/runtime/cli/cli-context.js";
import { registerDiscordCommand } from "../../../src/runtime/cli/commands/discord-command.js";

let fake: FakeDiscord;
beforeEach(async () => {
  fake = await startFakeDiscord();
});
afterEach(async () => fake.close());

/**
 * Runs `briefing discord …` in-process with only this command registered (the whole program pulls in every
 * stage); errors come back as thrown, where the real program maps them to exit codes.
 */
async function runDiscordCli(argv: string[], options: { env: NodeJS.ProcessEnv }) {
  let stdout = "";
  let stderr = "";
  const ctx = createCliContext({
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: options.env,
    clock: createManualClock("2026-01-15T02:00:00.000Z"),
    stopSignal: new Promise(() => undefined),
  });
  const program = new Command("briefing").exitOverride();
  registerDiscordCommand(program, ctx);
  let error: { name?: string; code?: string; message: string } | null = null;
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (caught) {
    error = caught as { message: string };
  }
  return { error, stdout, stderr };
}

const env = () => ({ DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_URL: fake.apiUrl, LOG_LEVEL: "debug" });

describe("briefing discord register", () => {
  it.each([
    ["in one server", ["--guild"], "guild"],
    ["globally", [], "global"],
  ])("registers /brief %s with a bulk overwrite", async (_name, flags, scope) => {
    const argv = ["discord", "register", ...flags.map(() => fake.guildId).flatMap((id) => ["--guild", id]), "--json"];
    const result = await runDiscordCli(argv, { env: env() });
    expect(result.error).toBeNull();
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, scope, guildId: scope === "guild" ? fake.guildId : null });
    expect(fake.registrations).toEqual([{ scope, guildId: scope === "guild" ? fake.guildId : null, commands: [briefCommandDefinition] }]);
    expect(fake.requests.at(-1)?.method).toBe("PUT");
  });

  it("defines every subcommand with typed options and autocomplete for unwatch", () => {
    const subcommands = (briefCommandDefinition.options ?? []) as Array<{ name: string; options?: Array<{ name: string; type: number; required?: boolean; autocomplete?: boolean }> }>;
    expect(subcommands.map((s) => s.name)).toEqual([
      "search", "watch", "unwatch", "watches", "digest", "topics", "feeds",
      "feeds-add", "feeds-remove", "topics-add", "topics-remove", "topics-test", "digest-here", "digest-off", "aliases", "aliases-add", "aliases-remove", "audit", "help",
    ]);
    const options = Object.fromEntries(subcommands.map((s) => [s.name, (s.options ?? []).map((o) => [o.name, o.type, o.required ?? false, o.autocomplete ?? false])]));
    expect(options).toMatchObject({
      search: [["query", 3, true, false]],
      watch: [["query", 3, true, false], ["channel", 7, false, false]],
      unwatch: [["id", 3, true, true]],
      digest: [["now", 5, false, false]],
      "feeds-add": [["url", 3, true, false]],
      "topics-add": [["id", 3, true, false], ["query", 3, true, false], ["name", 3, false, false]],
      "aliases-add": [["name", 3, true, false], ["query", 3, true, false]],
      "aliases-remove": [["name", 3, true, false]],
      "digest-here": [["schedule", 3, true, false], ["topics", 3, false, false], ["tz", 3, false, false]],
    });
  });

  it.each([
    ["no token", { DISCORD_TOKEN: "" }, /DISCORD_TOKEN/],
    ["a guild that is not an id", {}, /--guild takes a server id/],
  ])("refuses %s as a usage error", async (name, overrides, message) => {
    const argv = ["discord", "register", ...(name.startsWith("a guild") ? ["--guild", "my-server"] : [])];
    const result = await runDiscordCli(argv, { env: { ...env(), ...overrides } });
    expect(result.error).toMatchObject({ name: "UsageError", code: "usage" });
    expect(result.error?.message).toMatch(message);
    expect(fake.requests).toHaveLength(0);
  });

  it("says which setting is wrong when Discord refuses, without printing the token", async () => {
    const wrong = "MTMwMDAwMDAwMDAwMDAwMDAwMQ.GwR0nG.wr0ngT0k3nTh4tMustN3v3rBePr1nt3dAnywh3re";
    const result = await runDiscordCli(["discord", "register"], { env: { ...env(), DISCORD_TOKEN: wrong } });
    expect(result.error).toMatchObject({ code: "config" });
    expect(result.error?.message).toContain("check DISCORD_TOKEN");
    expect(result.error?.message + result.stderr + result.stdout).not.toContain("wr0ngT0k3n");
  });
});
