import { describe, expect, it } from "vitest";
import { emptySourceState, type SourceState } from "../../src/domain/source-state.js";
import { pollLocation, rememberedMove } from "../../src/ingest/moved-feed.js";

const CONFIGURED = "https://old.example.org/feed.xml";
const movedTo = (to: string | null, location = CONFIGURED): SourceState => ({ ...emptySourceState("s", location), movedTo: to });

describe("pollLocation", () => {
  it.each([
    ["a feed that never moved", CONFIGURED, movedTo(null), CONFIGURED],
    ["a feed never polled", CONFIGURED, null, CONFIGURED],
    ["a feed that moved", CONFIGURED, movedTo("https://new.example.net/rss"), "https://new.example.net/rss"],
    ["a move remembered for a URL no longer configured", "https://other.example.org/feed", movedTo("https://new.example.net/rss"), "https://other.example.org/feed"],
    ["credentials, moved within their origin", "https://u:p@old.example.org/feed.xml", movedTo("https://old.example.org/v2/feed", "https://u:p@old.example.org/feed.xml"), "https://u:p@old.example.org/v2/feed"],
    ["credentials, moved to another origin", "https://u:p@old.example.org/feed.xml", movedTo("https://new.example.net/rss", "https://u:p@old.example.org/feed.xml"), "https://new.example.net/rss"],
  ])("%s", (_name, configured, state, expected) => {
    expect(pollLocation(configured, state)).toBe(expected);
  });
});

describe("rememberedMove", () => {
  it.each([
    ["no redirect keeps what was known", movedTo("https://new.example.net/rss"), null, "https://new.example.net/rss"],
    ["a new move replaces it", movedTo("https://new.example.net/rss"), "https://newer.example.net/rss", "https://newer.example.net/rss"],
    ["a move back to the configured URL forgets it", movedTo("https://new.example.net/rss"), CONFIGURED, null],
    ["a state from before moves were remembered", { ...emptySourceState("s", CONFIGURED), movedTo: undefined } as unknown as SourceState, null, null],
  ])("%s", (_name, state, answered, expected) => {
    expect(rememberedMove(state, answered)).toBe(expected);
  });
});
