import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseConfigText } from "../../src/config/load-config.js";
import { createManualClock } from "../../src/domain/clock.js";
import { createApp, type BriefingApp } from "../../src/runtime/app.js";
import { createLogger } from "../../src/runtime/logger.js";
import { rssFeed } from "../fakes/feed-xml.js";

const START = "2026-12-04T01:00:00.000Z"; // 09:00 in Shanghai: a daily digest's slot
const DAY = 86_400_000;
const opened: BriefingApp[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((app) => app.close()));
});

const rfc822 = (iso: string) => new Date(iso).toUTCString();
const ago = (hours: number, from = START) => new Date(Date.parse(from) - hours * 3_600_000).toISOString();

function setUp(lookBack?: string) {
  const folder = mkdtempSync(path.join(tmpdir(), "digest-window-"));
  const feed = path.join(folder, "ministry.xml");
  const yaml = `
timezone: Asia/Shanghai
storage: { path: state.db }
sources:
  - { id: ministry, path: ministry.xml }
topics:
  - { id: chips, name: Chips, query: 'H200 OR chips' }
digests:
  - { id: daily, to: console, schedule: "0 9 * * *", topics: [chips], when_empty: note${lookBack ? `, look_back: ${lookBack}` : ""} }
`;
  const configFile = path.join(folder, "briefing.yaml");
  writeFileSync(configFile, yaml);
  const loaded = parseConfigText(yaml, configFile);
  const clock = createManualClock(START);
  const log = createLogger({ level: "silent", secrets: [], pretty: false });
  const open = () => {
    const app = createApp({ loaded, clock, log, senderFor: () => null });
    opened.push(app);
    return app;
  };
  const write = (items: Array<{ guid: string; title: string; at: string | null }>) =>
    writeFileSync(
      feed,
      rssFeed("Ministry of Chips", items.map((item) => ({ guid: item.guid, title: item.title, link: `https://ministry.example.org/${item.guid}`, pubDate: item.at ? rfc822(item.at) : "" }))),
    );
  return { loaded, clock, open, write, folder };
}

const titles = async (app: BriefingApp) => (await app.previewDigest(0)).model.sections.flatMap((section) => section.stories.map((story) => story.title));

describe("the digest window", () => {
  const history = [
    { guid: "2022", title: "H200 rumours in April 2022", at: "2022-04-01T08:00:00.000Z" },
    { guid: "2024", title: "Chips plan of 2024", at: "2024-06-01T08:00:00.000Z" },
    { guid: "last-week", title: "Chips talks last week", at: ago(24 * 6) },
  ];
  const recent = [
    { guid: "yesterday", title: "H200 licences granted", at: ago(20) },
    { guid: "this-morning", title: "Chips exports rise", at: ago(2) },
  ];

  it("starts a first run from now: only the look-back window (one schedule period) by publication date", async () => {
    const { open, write } = setUp();
    write([...history, ...recent]);
    const app = open();
    await app.poll({ force: true });
    expect((await titles(app)).sort()).toEqual(["Chips exports rise", "H200 licences granted"]);
  });

  it("takes a configured look_back instead", async () => {
    const { open, write } = setUp("8d");
    write([...history, ...recent]);
    const app = open();
    await app.poll({ force: true });
    expect((await titles(app)).sort()).toEqual(["Chips exports rise", "Chips talks last week", "H200 licences granted"]);
  });

  it("says an undated item was first seen, and dates it by when it was first seen", async () => {
    const { open, write } = setUp();
    write([{ guid: "undated", title: "Chips without a date", at: null }]);
    const app = open();
    await app.poll({ force: true });
    const story = (await app.previewDigest(0)).model.sections[0]!.stories[0]!;
    expect(story).toMatchObject({ title: "Chips without a date", dateMissing: true, publishedAt: START });
  });

  it("after a restart covers only what came since the last digest, never history or repeats", async () => {
    const { open, write, clock } = setUp();
    write([...history, ...recent]);
    const first = open();
    await first.poll({ force: true });
    expect(await first.runDigest(0)).toBeGreaterThan(0);
    await first.close();
    opened.splice(opened.indexOf(first), 1);

    clock.advance(DAY);
    write([...history, ...recent, { guid: "new", title: "H200 deliveries begin", at: ago(3, clock.now().toISOString()) }]);
    const again = open();
    await again.poll({ force: true });
    expect(await titles(again)).toEqual(["H200 deliveries begin"]);
  });
});
