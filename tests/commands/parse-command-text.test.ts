import { describe, expect, it } from "vitest";
import { COMMAND_USAGE, GENERAL_USAGE, parseCommandText } from "../../src/commands/parse-command-text.js";
import type { BriefCommand } from "../../src/commands/brief-command.js";
import { BriefingError } from "../../src/domain/errors.js";

describe("parseCommandText", () => {
  it.each<[string, BriefCommand]>([
    ["search export controls", { name: "search", query: "export controls" }],
    ['  SEARCH "H20 chips" since:7d ', { name: "search", query: '"H20 chips" since:7d' }],
    ["watch nvidia AND china", { name: "watch", query: "nvidia AND china", channel: null }],
    ["watch nvidia in <#C0123ABC|china-ai>", { name: "watch", query: "nvidia", channel: "C0123ABC" }],
    ["watch chips in taiwan in <#C0123ABC>", { name: "watch", query: "chips in taiwan", channel: "C0123ABC" }],
    ["watch made in china", { name: "watch", query: "made in china", channel: null }],
    ["unwatch w42", { name: "unwatch", watchId: "w42" }],
    ["watches", { name: "watches" }],
    ["digest", { name: "digest", now: false }],
    ["digest now", { name: "digest", now: true }],
    ["digest NOW", { name: "digest", now: true }],
    ["topics", { name: "topics" }],
    ["feeds", { name: "feeds" }],
    ["help", { name: "help" }],
    ["help search", { name: "help" }],
    ["", { name: "help" }],
  ])("%j", (text, expected) => {
    expect(parseCommandText(text)).toEqual(expected);
  });

  it.each<[string, string]>([
    ["search", COMMAND_USAGE.search],
    ["search    ", COMMAND_USAGE.search],
    ["watch", COMMAND_USAGE.watch],
    ["watch in <#C0123>", COMMAND_USAGE.watch],
    ["unwatch", COMMAND_USAGE.unwatch],
    ["unwatch two ids", COMMAND_USAGE.unwatch],
    ["unwatch <@U123>", COMMAND_USAGE.unwatch],
    ["digest tomorrow", COMMAND_USAGE.digest],
    ["watches all", COMMAND_USAGE.watches],
    ["topics list", COMMAND_USAGE.topics],
    ["feeds x", COMMAND_USAGE.feeds],
  ])("%j is refused with its usage line", (text, message) => {
    expect(() => parseCommandText(text)).toThrow(expect.objectContaining({ name: "BriefingError", code: "command", message }));
  });

  it("refuses an unknown subcommand with the general usage", () => {
    const error = catchError(() => parseCommandText("subscribe foo"));
    expect(error).toBeInstanceOf(BriefingError);
    expect(error.message).toContain('"subscribe"');
    expect(error.message).toContain(GENERAL_USAGE);
  });

  it("asks for a linked channel when `in #name` was not turned into a mention", () => {
    const error = catchError(() => parseCommandText("watch nvidia in #china-ai"));
    expect(error.message).toContain("# menu");
    expect(error.message).toContain(COMMAND_USAGE.watch);
  });
});

function catchError(fn: () => unknown): BriefingError {
  try {
    fn();
  } catch (error) {
    if (error instanceof BriefingError) return error;
    throw error;
  }
  throw new Error("expected an error");
}
