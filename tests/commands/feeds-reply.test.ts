import { describe, expect, it } from "vitest";
import { createCommandHandler, type Invoker, type SourceInfo } from "../../src/commands/index.js";
import { createManualClock } from "../../src/domain/clock.js";
import { emptySourceState, type SourceState } from "../../src/domain/source-state.js";
import { feedsReply } from "../../src/commands/feeds-reply.js";
import { renderReply } from "../../src/render/index.js";

const now = new Date("2026-12-04T12:00:00Z");
const REASON = "not a valid feed: the server sent an HTML page (text/html) instead of RSS, Atom or JSON Feed; check the URL in the config";

function source(id: string, fields: Partial<SourceState> | null): SourceInfo {
  const state = fields === null ? null : { ...emptySourceState(id, `https://${id}.example.org/rss`), lastPolledAt: "2026-12-04T11:50:00Z", lastSuccessAt: "2026-12-04T11:50:00Z", ...fields };
  return { id, location: `https://${id}.example.org/rss`, state };
}

/** 55 real-looking sources: 52 healthy, two failing, one paused, in the order a config lists them. */
const sources: SourceInfo[] = [
  ...Array.from({ length: 30 }, (_, n) => source(`outlet-number-${n}-world-news`, {})),
  source("ministry-notices", { consecutiveFailures: 1, lastError: REASON }),
  ...Array.from({ length: 22 }, (_, n) => source(`regional-paper-${n}-politics`, {})),
  source("gone-blog", { consecutiveFailures: 5, lastError: "the server answered 410 Gone", pausedUntil: "2026-12-05T11:00:00Z" }),
  source("flaky-wire", { consecutiveFailures: 3, lastError: "timed out after 30 s" }),
];

function handler() {
  return createCommandHandler({
    search: { search: async () => { throw new Error("unused"); } },
    digests: { preview: async () => { throw new Error("unused"); }, postNow: async () => 0 },
    watches: { addWatch: async () => { throw new Error("unused"); }, removeWatch: async () => false, watchesOf: async () => [], allWatches: async () => [] } as never,
    validateQuery: () => undefined,
    topics: [],
    sources: async () => sources,
    admins: {},
    clock: createManualClock(now),
  });
}

const invoker = (platform: Invoker["platform"]): Invoker => ({ platform, workspaceId: "W", channelId: "C", userId: "U", isPlatformAdmin: false });

async function feedsText(platform: Invoker["platform"]): Promise<string> {
  const reply = await handler().handle({ name: "feeds" }, invoker(platform));
  if (reply.kind !== "text") throw new Error("expected text");
  return reply.text;
}

describe("/brief feeds", () => {
  it.each(["discord", "slack"] as const)("fits one %s message without cutting a line: trouble first, whole reasons, then what was left out", async (platform) => {
    const text = await feedsText(platform);
    const lines = text.split("\n");
    expect(lines[0]).toBe("55 sources: 52 ok, 2 failing, 1 paused");
    expect(lines.slice(1, 4)).toEqual([
      `ministry-notices: failing (1 in a row): ${REASON}`,
      "flaky-wire: failing (3 in a row): timed out after 30 s",
      "gone-blog: paused until 2026-12-05T11:00:00Z after 5 failures (the server answered 410 Gone)",
    ]);
    const shown = lines.length - 2;
    expect(lines.at(-1)).toBe(`…and ${55 - shown} more, all ok: \`briefing feeds\` on the bot's server lists every source.`);

    const [payload] = renderReply({ visibility: "ephemeral", kind: "text", text }, platform);
    const rendered = payload!.kind === "discord" ? payload!.content : payload!.kind === "slack" ? String((payload!.blocks[0] as { text: { text: string } }).text.text) : "";
    // Nothing cut by the renderer: the last line arrives whole.
    expect(rendered).toMatch(/lists every source\\?\.$/);
  });

  it("lists every source on the console, where nothing limits the length", async () => {
    const text = await feedsText("console");
    expect(text.split("\n")).toHaveLength(56);
    expect(text).not.toMatch(/more/);
  });

  it("counts feeds not polled yet, after the ones in trouble", () => {
    const text = feedsReply([source("new-feed", null), source("ok-feed", {}), source("bad", { consecutiveFailures: 1, lastError: "dns" })], now, { chars: Infinity, measure: (line) => line.length });
    expect(text.split("\n")).toEqual([
      "3 sources: 1 ok, 1 failing, 1 not polled yet",
      "bad: failing (1 in a row): dns",
      "new-feed: not polled yet",
      "ok-feed: ok, last success 2026-12-04T11:50:00Z",
    ]);
  });
});
