import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Invoker } from "../../src/commands/index.js";
import { parseConfigText } from "../../src/config/load-config.js";
import { createManualClock } from "../../src/domain/clock.js";
import { createApp, type BriefingApp } from "../../src/runtime/app.js";
import { createBriefCommandHandler } from "../../src/runtime/command-services.js";
import { createLogger } from "../../src/runtime/logger.js";
import { rssFeed } from "../fakes/feed-xml.js";

const NOW = "2026-12-04T10:00:00.000Z";
const opened: BriefingApp[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((app) => app.close()));
});

async function setUp() {
  const folder = mkdtempSync(path.join(tmpdir(), "brief-digest-"));
  const at = (hours: number) => new Date(Date.parse(NOW) - hours * 3_600_000).toUTCString();
  writeFileSync(
    path.join(folder, "wire.xml"),
    rssFeed("Wire", [
      { guid: "a", title: "Chips news today", link: "https://wire.example.org/a", pubDate: at(2) },
      { guid: "b", title: "Space launch today", link: "https://wire.example.org/b", pubDate: at(3) },
      { guid: "old", title: "Space history from 2021", link: "https://wire.example.org/old", pubDate: "Mon, 01 Mar 2021 10:00:00 GMT" },
    ]),
  );
  const yaml = `
storage: { path: ':memory:' }
sources: [{ id: wire, path: wire.xml }]
topics:
  - { id: chips, name: Chips, query: chips }
  - { id: space, name: Space, query: space }
digests:
  - { to: console, schedule: "0 9 * * *", topics: [chips] }
  - { to: "slack:#News", schedule: "0 9 * * *", topics: [space] }
`;
  const loaded = parseConfigText(yaml, path.join(folder, "briefing.yaml"));
  const app = createApp({ loaded, clock: createManualClock(NOW), log: createLogger({ level: "silent", secrets: [], pretty: false }), senderFor: () => null });
  opened.push(app);
  await app.poll({ force: true });
  return createBriefCommandHandler(app, loaded.config);
}

const inChannel = (channelName: string | null): Invoker => ({ platform: "slack", workspaceId: "T1", channelId: "C0NEWS", channelName, userId: "U1", isPlatformAdmin: false });

describe("/brief digest in a channel", () => {
  it("previews the digest configured for that channel by its #name, within its look-back", async () => {
    const handler = await setUp();
    const reply = await handler.handle({ name: "digest", now: false }, inChannel("news"));
    expect(reply.kind).toBe("stories");
    if (reply.kind !== "stories") return;
    expect(reply.digest.sections.map((section) => [section.topicId, section.stories.map((story) => story.title)])).toEqual([["space", ["Space launch today"]]]);
  });

  it("falls back to a digest shaped like the first one in a channel that has none", async () => {
    const handler = await setUp();
    const reply = await handler.handle({ name: "digest", now: false }, inChannel("random"));
    if (reply.kind !== "stories") throw new Error("expected stories");
    expect(reply.digest.sections.map((section) => section.topicId)).toEqual(["chips"]);
  });
});
