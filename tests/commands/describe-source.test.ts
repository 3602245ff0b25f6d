import { describe, expect, it } from "vitest";
import { describeSource } from "../../src/commands/describe-source.js";
import { emptySourceState, type SourceState } from "../../src/domain/source-state.js";

const now = new Date("2026-01-15T12:00:00Z");
const polled = (fields: Partial<SourceState>): SourceState => ({
  ...emptySourceState("wire", "https://wire.example/feed"),
  lastPolledAt: "2026-01-15T11:00:00Z",
  lastSuccessAt: "2026-01-15T11:00:00Z",
  ...fields,
});
const line = (state: SourceState | null) => describeSource({ id: "wire", location: "https://wire.example/feed", state }, now);

describe("describeSource", () => {
  it.each([
    ["never polled", null, "wire: not polled yet"],
    ["healthy", polled({}), "wire: ok, last success 2026-01-15T11:00:00Z"],
    ["failing", polled({ consecutiveFailures: 2, lastError: "the server answered 503" }), "wire: failing (2 in a row): the server answered 503"],
    [
      "paused",
      polled({ consecutiveFailures: 5, lastError: "timed out", pausedUntil: "2026-01-16T11:00:00Z" }),
      "wire: paused until 2026-01-16T11:00:00Z after 5 failures (timed out)",
    ],
  ])("says a %s feed's health", (_case, state, expected) => {
    expect(line(state)).toBe(expected);
  });

  it("says a feed moved without echoing the address its server gave", () => {
    const text = line(polled({ movedTo: "https://evil.example/<!channel>" }));
    expect(text).toBe("wire: ok, last success 2026-01-15T11:00:00Z; moved permanently, update the config (see `briefing feeds`)");
    expect(text).not.toContain("evil.example");
  });
});
