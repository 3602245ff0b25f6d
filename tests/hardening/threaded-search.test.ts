import { readdirSync, readlinkSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import type { Invoker } from "../../src/commands/index.js";
import { createManualClock } from "../../src/domain/clock.js";
import { loadConfig } from "../../src/config/load-config.js";
import { openApp } from "../../src/runtime/cli/open-app.js";
import { createBriefCommandHandler } from "../../src/runtime/command-services.js";
import { writeE2eConfig } from "../fakes/e2e-config.js";
import { e2eContext } from "../fakes/e2e-context.js";
import { rssFeed } from "../fakes/feed-xml.js";
import { serveFeed, startFeedServer } from "../fakes/feed-server.js";

let closers: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const close of closers.reverse()) await close();
  closers = [];
});

const alice: Invoker = { platform: "slack", workspaceId: "T1", channelId: "C1", userId: "U1", isPlatformAdmin: false };

/** A bot on a database file that has polled one feed with one export-controls story. */
async function botWithOneStory() {
  const feeds = await startFeedServer();
  closers.push(() => feeds.close());
  feeds.route("/feed.xml", serveFeed({ body: rssFeed("Wire", [{ guid: "a1", title: "US widens export controls on AI chips", link: "https://example.org/a1", pubDate: "Wed, 14 Jan 2026 08:00:00 GMT" }]) }));
  const clock = createManualClock("2026-01-15T02:00:00.000Z");
  const configFile = await writeE2eConfig(feeds.url());
  const opened = await openApp(e2eContext({}, clock), configFile);
  await opened.app.poll({ force: true });
  return { clock, configFile, opened };
}

describe("/brief search on a database file, answered by the search thread", () => {
  it("finds stories, reports a bad query with its caret, and keeps answering while another connection holds the write lock", async () => {
    const { clock, configFile: config, opened } = await botWithOneStory();
    const { app, loaded } = opened;
    closers.push(() => app.close());
    const handler = createBriefCommandHandler(app, loaded.config);

    const found = await handler.handle({ name: "search", query: '"export controls" since:2d' }, alice);
    expect(found.kind === "stories" && found.digest.sections.flatMap((s) => s.stories.map((story) => story.title))).toEqual(["US widens export controls on AI chips"]);
    // "since:2d" is the asker's clock, not the thread's: a week on, the story is out of range.
    clock.advance(7 * 86_400_000);
    expect(await handler.handle({ name: "search", query: '"export controls" since:2d' }, alice)).toMatchObject({ kind: "text", text: expect.stringMatching(/^No stories match/) });

    const bad = await handler.handle({ name: "search", query: "export (controls" }, alice);
    expect(bad).toMatchObject({ kind: "text", code: expect.stringContaining("^") });

    const holder = new Database(path.join(path.dirname(config), "briefing.db"));
    closers.push(() => holder.close());
    holder.exec("BEGIN IMMEDIATE");
    const during = await handler.handle({ name: "search", query: "AI chips" }, alice);
    holder.exec("COMMIT");
    expect(during.kind).toBe("stories");
  });
});

/** How many descriptors this process holds on the file: each search thread keeps a connection of its own. */
function openHandlesOn(file: string): number {
  return readdirSync("/proc/self/fd").filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === file;
    } catch {
      return false;
    }
  }).length;
}

describe("the search thread across config reloads", () => {
  it("answers with the reloaded config from the same thread, and ends with the app", async () => {
    const { configFile, opened } = await botWithOneStory();
    const database = path.join(path.dirname(configFile), "briefing.db");
    let closed = false;
    closers.push(() => (closed ? undefined : opened.app.close()));
    const ask = async (query: string) => {
      // The handler the platforms call, which a reload rebuilds.
      const reply = await opened.handler.handle({ name: "search", query }, alice);
      return reply.kind === "stories" ? reply.digest.sections.flatMap((s) => s.stories.map((story) => story.title)) : reply;
    };

    const withoutThread = openHandlesOn(database);
    expect(withoutThread).toBeGreaterThan(0);
    expect(await ask("@chips")).toMatchObject({ kind: "text", text: expect.stringContaining("chips") });
    const withThread = openHandlesOn(database);
    expect(withThread).toBe(withoutThread + 1);

    for (let reload = 0; reload < 3; reload++) {
      opened.rebuildHandler((await loadConfig(configFile)).config);
      opened.rebuildHandler({ ...opened.loaded.config, aliases: { chips: '"AI chips" OR H200' } });
      expect(await ask("@chips")).toEqual(["US widens export controls on AI chips"]);
    }
    // Six reloads later, still the one search connection.
    expect(openHandlesOn(database)).toBe(withThread);

    closed = true;
    await opened.app.close();
    expect(openHandlesOn(database)).toBe(0);
  });
});
