import { describe, expect, it } from "vitest";
import type { BriefCommand } from "../../../src/commands/brief-command.js";
import { toBriefCommand } from "../../../src/platforms/discord/index.js";
import type { InteractionOption } from "../../../src/platforms/discord/to-brief-command.js";

const STRING = 3;
const BOOLEAN = 5;
const CHANNEL = 7;
const CHANNEL_ID = "1300000000000000002";

function brief(subcommand: string, options: InteractionOption[] = []) {
  return { name: "brief", options: [{ name: subcommand, type: 1, options }] };
}

describe("toBriefCommand: Discord interaction data → BriefCommand", () => {
  it.each<[string, ReturnType<typeof brief>, BriefCommand]>([
    ["search", brief("search", [{ name: "query", type: STRING, value: "  H200 since:7d " }]), { name: "search", query: "H200 since:7d" }],
    ["watch to a DM", brief("watch", [{ name: "query", type: STRING, value: '"export controls"' }]), { name: "watch", query: '"export controls"', channel: null }],
    [
      "watch to a channel",
      brief("watch", [{ name: "query", type: STRING, value: "H200" }, { name: "channel", type: CHANNEL, value: CHANNEL_ID }]),
      { name: "watch", query: "H200", channel: CHANNEL_ID },
    ],
    ["unwatch", brief("unwatch", [{ name: "id", type: STRING, value: "w-7" }]), { name: "unwatch", watchId: "w-7" }],
    ["watches", brief("watches"), { name: "watches" }],
    ["digest", brief("digest"), { name: "digest", now: false }],
    ["digest now", brief("digest", [{ name: "now", type: BOOLEAN, value: true }]), { name: "digest", now: true }],
    ["digest now:false", brief("digest", [{ name: "now", type: BOOLEAN, value: false }]), { name: "digest", now: false }],
    ["topics", brief("topics"), { name: "topics" }],
    ["feeds", brief("feeds"), { name: "feeds" }],
    ["help", brief("help"), { name: "help" }],
    ["help with a stale extra option", brief("help", [{ name: "verbose", type: BOOLEAN, value: true }]), { name: "help" }],
  ])("%s", (_name, data, command) => {
    expect(toBriefCommand(data)).toEqual({ ok: true, command });
  });

  it.each<[string, Parameters<typeof toBriefCommand>[0], RegExp]>([
    ["an empty query", brief("search", [{ name: "query", type: STRING, value: "   " }]), /Give a query/],
    ["a missing query", brief("watch"), /query/],
    ["an overlong query", brief("search", [{ name: "query", type: STRING, value: "x".repeat(301) }]), /at most 300/],
    ["a channel that is not an id", brief("watch", [{ name: "query", type: STRING, value: "x" }, { name: "channel", type: CHANNEL, value: "#news" }]), /not a Discord channel/],
    ["a wrongly typed option", brief("digest", [{ name: "now", type: STRING, value: "yes" }]), /now/],
    ["an unknown subcommand", brief("frobnicate"), /Unknown command/],
    ["another command", { name: "other", options: [] }, /Unknown command/],
    ["no subcommand", { name: "brief", options: [] }, /Unknown command/],
    ["an inherited name", brief("constructor"), /Unknown command/],
  ])("refuses %s with a message for the user", (_name, data, message) => {
    const result = toBriefCommand(data);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});
