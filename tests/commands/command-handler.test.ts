import { describe, expect, it } from "vitest";
import { createCommandHandler, type Invoker } from "../../src/commands/index.js";
import { createManualClock } from "../../src/domain/clock.js";
import type { Digest } from "../../src/domain/digest.js";
import { parseQuery } from "../../src/match/index.js";
import { createSqliteStore, openDatabase } from "../../src/store/index.js";

const emptyDigest: Digest = { beat: "Test", generatedAt: "2026-01-15T00:00:00.000Z", timeZone: "UTC", storyCount: 0, sections: [] };

function setup() {
  const store = createSqliteStore(openDatabase(":memory:"));
  const posted: Invoker[] = [];
  const handler = createCommandHandler({
    search: { search: async () => emptyDigest },
    digests: { preview: async () => emptyDigest, postNow: async (invoker) => (posted.push(invoker), 1) },
    watches: store,
    validateQuery: (query) => void parseQuery(query, {}),
    topics: [{ id: "ai-chips", name: "AI chips", query: "H200" }],
    sources: async () => [{ id: "wire", location: "https://example.org/feed", state: null }],
    admins: { slack: ["UALLOWED"] },
    clock: createManualClock("2026-01-15T00:00:00.000Z"),
    maxWatchesPerUser: 2,
  });
  return { handler, store, posted };
}

const member: Invoker = { platform: "slack", workspaceId: "T1", channelId: "C1", userId: "U1", isPlatformAdmin: false };
const admin: Invoker = { ...member, userId: "U2", isPlatformAdmin: true };
const textOf = (reply: { kind: string; text?: string }) => (reply.kind === "text" ? reply.text ?? "" : "");

describe("the /brief command handler", () => {
  it("creates a watch that alerts the person by DM, lists it and removes it", async () => {
    const { handler } = setup();
    const created = textOf(await handler.handle({ name: "watch", query: '"export controls"', channel: null }, member));
    expect(created).toMatch(/Watch 1 created/);
    expect(await handler.watchesOf(member)).toEqual([{ id: "1", query: '"export controls"', target: "slack:@U1" }]);
    expect(textOf(await handler.handle({ name: "watches" }, member))).toContain('1: "export controls"');
    expect(textOf(await handler.handle({ name: "unwatch", watchId: "1" }, member))).toMatch(/removed/);
    expect(await handler.watchesOf(member)).toEqual([]);
  });

  it("answers a query that does not parse with the error and its caret, not an exception", async () => {
    const { handler } = setup();
    const reply = await handler.handle({ name: "watch", query: "(H200 AND", channel: null }, member);
    expect(reply.kind === "text" && reply.text).toMatch(/expected/);
    const [query, caret] = (reply.kind === "text" ? reply.code ?? "" : "").split("\n");
    expect(query?.trim()).toBe("(H200 AND");
    expect(caret?.indexOf("^")).toBe(query!.length);
  });

  it("never removes someone else's watch", async () => {
    const { handler } = setup();
    await handler.handle({ name: "watch", query: "H200", channel: null }, member);
    const other: Invoker = { ...member, userId: "U9" };
    expect(textOf(await handler.handle({ name: "unwatch", watchId: "1" }, other))).toMatch(/no watch 1/);
    expect(await handler.watchesOf(member)).toHaveLength(1);
  });

  it.each([
    ["a member", member, false],
    ["a platform admin", admin, true],
    ["a user on the config allow-list", { ...member, userId: "UALLOWED" }, true],
  ])("lets %s send watch alerts to a channel: %s", async (_who, invoker, allowed) => {
    const { handler } = setup();
    const reply = textOf(await handler.handle({ name: "watch", query: "H200", channel: "C777" }, invoker));
    if (allowed) {
      expect(reply).toMatch(/created/);
      expect((await handler.watchesOf(invoker))[0]?.target).toBe("slack:C777");
    } else {
      expect(reply).toMatch(/Only workspace admins/);
      expect(await handler.watchesOf(invoker)).toEqual([]);
    }
  });

  it("posts a digest to the channel only for admins", async () => {
    const { handler, posted } = setup();
    expect(textOf(await handler.handle({ name: "digest", now: true }, member))).toMatch(/Only workspace admins/);
    expect(posted).toEqual([]);
    expect(textOf(await handler.handle({ name: "digest", now: true }, admin))).toMatch(/on its way/);
    expect(posted).toEqual([admin]);
  });

  it.each([
    ["discord", [/\/brief watch query:<query> channel:<channel>/, /\/brief digest now:True/, /\/brief unwatch id:<id>/], [/in #channel/, /digest now —/]],
    ["slack", [/\/brief watch <query> in #channel/, /\/brief digest now —/], [/query:/, /now:True/]],
  ] as const)("explains /brief in %s's own syntax", async (platform, says, never) => {
    const { handler } = setup();
    const text = textOf(await handler.handle({ name: "help" }, { ...member, platform }));
    for (const pattern of says) expect(text).toMatch(pattern);
    for (const pattern of never) expect(text).not.toMatch(pattern);
  });

  it("limits how many watches one person keeps", async () => {
    const { handler } = setup();
    await handler.handle({ name: "watch", query: "a1", channel: null }, member);
    await handler.handle({ name: "watch", query: "a2", channel: null }, member);
    expect(textOf(await handler.handle({ name: "watch", query: "a3", channel: null }, member))).toMatch(/You have 2 watches already/);
  });

  it.each([
    [{ name: "topics" as const }, /AI chips \(ai-chips\): H200/],
    [{ name: "feeds" as const }, /wire: not polled yet/],
    [{ name: "help" as const }, /\/brief search/],
    [{ name: "search" as const, query: "H200" }, /No stories match H200/],
  ])("answers %o", async (command, expected) => {
    const { handler } = setup();
    const reply = await handler.handle(command, member);
    expect(reply.visibility).toBe("ephemeral");
    expect(textOf(reply)).toMatch(expected);
  });
});
