import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BriefCommand } from "../../../src/commands/brief-command.js";
import { PERMISSIONS, type CommandSpec } from "../../fakes/fake-discord.js";
import { createRecordingCommandHandler } from "../../fakes/recording-command-handler.js";
import { ALICE, BOB, startHarness, type Harness } from "./discord-harness.js";
import { ack, hostileDigest, shown } from "./discord-test-data.js";

const handler = createRecordingCommandHandler({
  answers: {
    search: () => ({ visibility: "ephemeral", kind: "stories", digest: hostileDigest(30) }),
    topics: () => ({ visibility: "channel", kind: "text", text: "Topics: chips @everyone" }),
    feeds: () => {
      throw new Error("database exploded at /var/lib/briefing/secret.db");
    },
  },
});
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ handler });
});
afterAll(async () => h.close());

/** Dispatches one interaction and waits until the adapter has finished answering it. */
async function run(spec: CommandSpec) {
  const calls = handler.calls.length;
  const { id } = h.fake.dispatch(spec);
  await h.fake.waitFor(() => h.log.entries.some((e) => (e.fields as { interaction_id?: string }).interaction_id === id), `the answer to ${spec.subcommand}`);
  return { id, responses: h.fake.responsesTo(id), call: handler.calls.length > calls ? handler.calls.at(-1) : undefined };
}

describe("/brief on Discord: every subcommand through the real discord.js client", () => {
  it.each<[string, CommandSpec["options"], BriefCommand, "deferred" | "direct"]>([
    ["search", { query: "H200 since:7d" }, { name: "search", query: "H200 since:7d" }, "deferred"],
    ["watch", { query: '"export controls"' }, { name: "watch", query: '"export controls"', channel: null }, "direct"],
    ["unwatch", { id: "w-42" }, { name: "unwatch", watchId: "w-42" }, "direct"],
    ["watches", {}, { name: "watches" }, "direct"],
    ["digest", {}, { name: "digest", now: false }, "deferred"],
    ["digest", { now: true }, { name: "digest", now: true }, "deferred"],
    ["topics", {}, { name: "topics" }, "direct"],
    ["help", {}, { name: "help" }, "direct"],
  ])("%s %j → %j, %s", async (subcommand, options, command, mode) => {
    const { responses, call } = await run({ subcommand, options, user: BOB });
    expect(call?.command).toEqual(command);
    expect(call?.invoker).toEqual({ platform: "discord", workspaceId: h.fake.guildId, channelId: h.fake.channelId, userId: BOB.id, isPlatformAdmin: false });
    expect(ack(responses[0])).toEqual(mode === "deferred" ? { type: 5, ephemeral: true } : { type: 4, ephemeral: subcommand !== "topics" });
    if (mode === "deferred") expect(responses[1]?.kind).toBe("edit");
  });

  it("answers with a channel message when the reply is for everyone (topics), never pinging", async () => {
    const { responses } = await run({ subcommand: "topics", user: BOB });
    expect(responses).toHaveLength(1);
    expect(ack(responses[0])).toEqual({ type: 4, ephemeral: false });
    expect(shown(responses[0]?.body.content)).toContain("Topics: chips");
    expect(responses[0]?.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it("sends a long hostile search answer as an edit plus ephemeral follow-ups, all within Discord's limits", async () => {
    const { responses } = await run({ subcommand: "search", options: { query: "H200" }, user: BOB });
    expect(responses.map((r) => r.kind)).toEqual(["callback", "edit", ...Array(responses.length - 2).fill("follow-up")]);
    expect(responses.length).toBeGreaterThan(2);
    for (const response of responses.slice(1)) {
      expect(response.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
      expect(JSON.stringify(response.body)).not.toMatch(/(?<!\\)@everyone|(?<!\\)@here/);
    }
    for (const followUp of responses.slice(2)) expect(ack(followUp).ephemeral).toBe(true);
    expect(h.fake.violations).toEqual([]);
  });

  it("tells the user about a failure in one line, and logs the stack for the operator", async () => {
    const { responses } = await run({ subcommand: "feeds", user: BOB });
    expect(ack(responses[0])).toEqual({ type: 4, ephemeral: true });
    const text = shown(responses[0]?.body.content);
    expect(text).toContain("Sorry, /brief feeds failed on our side");
    expect(text).not.toMatch(/exploded|secret\.db|at .*\.ts/);
    expect(h.log.entries.find((e) => e.level === "error")?.message).toBe("command failed");
  });

  it("refuses an empty query without calling the handler", async () => {
    const { responses, call } = await run({ subcommand: "search", options: { query: "   " }, user: BOB });
    expect(call).toBeUndefined();
    expect(ack(responses[0])).toEqual({ type: 4, ephemeral: true });
    expect(shown(responses[0]?.body.content)).toContain("Give a query");
  });

  it("passes the channel picked for a watch, from the verified payload", async () => {
    const { call } = await run({ subcommand: "watch", options: { query: "H200", channel: h.fake.otherChannelId }, user: ALICE, permissions: PERMISSIONS.manageGuild });
    expect(call?.command).toEqual({ name: "watch", query: "H200", channel: h.fake.otherChannelId });
    expect(call?.invoker.isPlatformAdmin).toBe(true);
  });

  it("runs a command once when the gateway delivers it twice", async () => {
    const { id, call } = await run({ subcommand: "watch", options: { query: "once" }, user: BOB });
    const calls = handler.calls.length;
    h.fake.replay(id);
    await h.fake.waitFor(() => h.log.entries.some((e) => e.message === "ignored a repeated interaction"), "the replay to be ignored");
    expect(call?.command).toMatchObject({ query: "once" });
    expect(handler.calls).toHaveLength(calls);
    expect(h.fake.responsesTo(id)).toHaveLength(1);
  });

  it("ignores interactions for another application", async () => {
    const { id } = h.fake.dispatch({ subcommand: "help", user: BOB, applicationId: "1300000000000000999" });
    await h.fake.waitFor(() => h.log.entries.some((e) => (e.fields as { interaction_id?: string }).interaction_id === id), "the warning");
    expect(h.fake.responsesTo(id)).toEqual([]);
  });

  it("never logs the bot token or an interaction token", () => {
    const text = h.log.text();
    expect(text).not.toContain(h.fake.token);
    for (const part of h.fake.token.split(".")) expect(text).not.toContain(part);
    for (const interaction of h.fake.interactions.values()) expect(text).not.toContain(interaction.token);
  });
});
