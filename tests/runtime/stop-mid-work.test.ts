import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readRunFile } from "../../src/runtime/operations/run-file.js";
import { createSqliteStore, openDatabase } from "../../src/store/index.js";
import { slackHttpEnv } from "../fakes/e2e-context.js";
import { startFakeSlackApi } from "../fakes/fake-slack-api.js";
import { rssFeed } from "../fakes/feed-xml.js";
import { serveFeed, startFeedServer } from "../fakes/feed-server.js";
import { spawnBriefing, type BriefingProcess } from "../fakes/spawn-briefing.js";
import { BOT_TOKEN } from "../platforms/slack/slack-test-kit.js";

const MESSAGES = 8;
let closers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const close of closers.reverse()) await close();
  closers = [];
});

async function until(check: () => boolean, what: string, proc: BriefingProcess, ms = 40_000): Promise<void> {
  const deadline = performance.now() + ms;
  while (!check()) {
    if (proc.child.exitCode !== null) throw new Error(`exited before ${what}: ${proc.stderr()}`);
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}: ${proc.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("SIGTERM of a real `briefing run`", () => {
  it("stops mid-poll and mid-drain, and the next run delivers the rest: each message once, in order", async () => {
    const feeds = await startFeedServer();
    closers.push(() => feeds.close());
    feeds.route("/feed.xml", serveFeed({ body: rssFeed("Wire", [{ guid: "a1", title: "Export controls widen", link: "https://example.org/a1", pubDate: "Wed, 14 Jan 2026 08:00:00 GMT" }]) }));
    // A feed that never answers: the poll cycle is still under way when the stop comes.
    feeds.route("/hangs.xml", () => undefined);
    const slack = await startFakeSlackApi({ botToken: BOT_TOKEN, channels: [{ id: "C0NEWS", name: "news" }] });
    closers.push(() => slack.close());

    const folder = await mkdtemp(path.join(tmpdir(), "briefing-stop-"));
    const db = path.join(folder, "briefing.db");
    const config = path.join(folder, "briefing.yaml");
    await writeFile(
      config,
      `beat: China AI policy
storage: { path: ${JSON.stringify(db)} }
poll: { every: 1m, allow_private_networks: true }
sources:
  - { id: wire, url: ${JSON.stringify(feeds.url("/feed.xml"))} }
  - { id: stuck, url: ${JSON.stringify(feeds.url("/hangs.xml"))} }
topics:
  - { id: export-controls, name: Export controls, query: '"export controls"' }
`,
    );
    // Queued before the bot starts, as a backlog left by an earlier run; Slack takes one a second per channel.
    const store = createSqliteStore(openDatabase(db));
    const texts = Array.from({ length: MESSAGES }, (_, n) => `backlog ${n}`);
    await store.enqueue(texts.map((text, n) => ({ key: `backlog:${n}`, target: "slack:#news", group: `backlog:${n}`, part: 0, payload: { kind: "text", text } })), new Date().toISOString());
    await store.close();
    const posted = () => slack.messages.filter((message) => message.channel === "C0NEWS").map((message) => message.text);

    const first = spawnBriefing(["run", "--config", config], slackHttpEnv(slack.apiUrl));
    closers.push(async () => void first.child.kill("SIGKILL"));
    await until(() => posted().length >= 2 && feeds.requests.some((request) => request.path === "/hangs.xml"), "two messages out and the stuck feed asked", first);
    // To the bot's own process (its pid in the run file), as Docker signals it; tsx in between would
    // re-send the signal and SIGKILL a child that does not answer within 30 ms.
    const pid = await readRunFile(db);
    expect(pid).not.toBeNull();
    const signalledAt = performance.now();
    process.kill(pid!, "SIGTERM");
    expect(await first.exited).toBe(0);
    // Printed, not asserted: the figure depends on the machine's load.
    console.info(`briefing run exited ${Math.round(performance.now() - signalledAt)} ms after SIGTERM (${posted().length} of ${MESSAGES} messages out)`);
    expect(first.stderr()).toMatch(/worker stopped/);
    const afterFirst = posted();
    expect(afterFirst.length).toBeLessThan(MESSAGES);
    expect(afterFirst).toEqual(texts.slice(0, afterFirst.length));

    const check = createSqliteStore(openDatabase(db));
    const left = await check.listOutbox(["pending", "failed"]);
    const states = await check.listSourceStates();
    await check.close();
    // The stuck poll was left, not waited out to its timeout and counted as a failure: that feed is still due.
    expect(states.map((state) => state.sourceId)).toEqual(["wire"]);
    // What was posted is recorded as sent; the rest is still queued, none given up on.
    expect(left.map((message) => message.status)).toEqual(Array(MESSAGES - afterFirst.length).fill("pending"));

    const second = spawnBriefing(["run", "--config", config], slackHttpEnv(slack.apiUrl));
    closers.push(async () => void second.child.kill("SIGKILL"));
    await until(() => posted().length >= MESSAGES, "the rest delivered", second);
    process.kill((await readRunFile(db))!, "SIGTERM");
    expect(await second.exited).toBe(0);
    expect(posted()).toEqual(texts);
  }, 90_000);
});
