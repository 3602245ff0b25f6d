import { mkdtempSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseConfigText } from "../../src/config/load-config.js";
import { createManualClock } from "../../src/domain/clock.js";
import { createApp, type BriefingApp } from "../../src/runtime/app.js";
import { createLogger } from "../../src/runtime/logger.js";
import { rssFeed } from "../fakes/feed-xml.js";

const START = Date.parse("2026-12-01T00:00:00.000Z");
const MINUTE = 60_000;
const DAY = 86_400_000;
const opened: BriefingApp[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((app) => app.close()));
});

/** A ministry that posts twice a month: nothing for a week, then one post. */
function setUp(poll: string) {
  const folder = mkdtempSync(path.join(tmpdir(), "quiet-feed-"));
  const feed = path.join(folder, "ministry.xml");
  const yaml = `
storage: { path: ':memory:' }
poll: ${poll}
sources: [{ id: ministry, path: ministry.xml }]
topics: [{ id: rules, name: Rules, query: '"export controls"' }]
`;
  const loaded = parseConfigText(yaml, path.join(folder, "briefing.yaml"));
  const clock = createManualClock(new Date(START));
  let version = 0;
  const write = (posts: Array<{ guid: string; title: string; at: number }>) => {
    writeFileSync(feed, rssFeed("Ministry", posts.map((post) => ({ guid: post.guid, title: post.title, link: `https://ministry.example.org/${post.guid}`, pubDate: new Date(post.at).toUTCString() }))));
    // The file's mtime is its Last-Modified: make each version distinct whatever the file system's resolution.
    version += 1;
    utimesSync(feed, new Date(START + version * 1000), new Date(START + version * 1000));
  };
  const app = createApp({ loaded, clock, log: createLogger({ level: "silent", secrets: [], pretty: false }), senderFor: () => null });
  opened.push(app);
  return { app, clock, write, loaded };
}

/** Polls whenever a source is due, minute by minute, until `until`; returns the instants it polled at. */
async function runUntil(app: BriefingApp, clock: ReturnType<typeof createManualClock>, until: number): Promise<number[]> {
  const polls: number[] = [];
  while (clock.now().getTime() < until) {
    const state = (await app.store.listSourceStates())[0];
    const next = state?.nextPollAt ? Date.parse(state.nextPollAt) : clock.now().getTime();
    clock.set(new Date(Math.min(Math.max(next, clock.now().getTime()), until)));
    if (clock.now().getTime() >= until) break;
    if ((await app.poll()).polled > 0) polls.push(clock.now().getTime());
    else clock.advance(MINUTE);
  }
  return polls;
}

describe("a feed quiet for a week that publishes", () => {
  const old = [{ guid: "old", title: "Export controls notice of last month", at: START - 30 * DAY }];
  const fresh = { guid: "new", title: "New export controls on AI chips", at: 0 };

  it.each([
    ["the default bound (15 min)", "{ every: 10m }", 15 * MINUTE],
    ["a configured bound", "{ every: 10m, max_interval: 5m }", 5 * MINUTE],
    ["a longer every, when max_interval is unset", "{ every: 1h }", 60 * MINUTE],
  ])("alerts its watchers within %s", async (_name, poll, bound) => {
    const { app, clock, write } = setUp(poll);
    write(old);
    await app.poll({ force: true });
    await app.store.addWatch({ owner: { platform: "slack", workspaceId: "T1", userId: "U1" }, query: '"export controls"', target: "slack:@U1", createdAt: clock.now().toISOString() });

    // A week of polls that find nothing new: the interval stretches, never past the bound.
    const polls = await runUntil(app, clock, START + 7 * DAY);
    const gaps = polls.slice(1).map((at, i) => at - polls[i]!);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(bound);
    expect(Math.max(...gaps)).toBe(bound);

    const publishedAt = clock.now().getTime() + 30_000;
    clock.set(new Date(publishedAt));
    write([...old, { ...fresh, at: publishedAt }]);
    const state = (await app.store.listSourceStates())[0]!;
    expect(Date.parse(state.nextPollAt!) - publishedAt).toBeLessThanOrEqual(bound);

    await runUntil(app, clock, publishedAt + bound + MINUTE);
    const alerts = await app.store.due(new Date(publishedAt + bound + MINUTE).toISOString(), 10);
    expect(alerts.map((message) => message.target)).toEqual(["slack:@U1"]);
    expect(Date.parse(alerts[0]!.createdAt) - publishedAt).toBeLessThanOrEqual(bound);
  });
});
