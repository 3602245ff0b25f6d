import { readFile, writeFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeE2eConfig } from "../fakes/e2e-config.js";
import { redirect, serveFeed, startFeedServer, type FeedServer } from "../fakes/feed-server.js";
import { runCliCaptured } from "../fakes/run-cli.js";

const feed = `<rss version="2.0"><channel><title>Wire</title><item><title>Export controls tightened</title><guid>w-1</guid></item></channel></rss>`;
let server: FeedServer;

beforeAll(async () => {
  server = await startFeedServer();
  server.route("/old.xml", redirect("/new.xml", 301));
  server.route("/new.xml", serveFeed({ body: feed }));
  server.route("/fixed.xml", serveFeed({ body: feed }));
});
afterAll(() => server.close());

describe("briefing feeds, for a feed that moved permanently", () => {
  it("says where it moved until the config is updated, and later polls go straight there", async () => {
    const config = await writeE2eConfig(server.url("/old.xml"));
    expect((await runCliCaptured(["poll", "--once", "--config", config])).code).toBe(0);

    const text = await runCliCaptured(["feeds", "--config", config]);
    expect(text.stdout).toContain(`wire  ${server.url("/old.xml")}`);
    expect(text.stdout).toContain(`moved to ${server.url("/new.xml")}; update the config`);
    const json = JSON.parse((await runCliCaptured(["feeds", "--config", config, "--json"])).stdout) as { feeds: Array<{ movedTo: string | null }> };
    expect(json.feeds[0]?.movedTo).toBe(server.url("/new.xml"));

    const before = server.requests.length;
    await runCliCaptured(["poll", "--once", "--config", config], { now: "2026-01-15T05:00:00.000Z" });
    expect(server.requests.slice(before).map((request) => request.path)).toEqual(["/new.xml"]);

    await writeFile(config, (await readFile(config, "utf8")).replace(server.url("/old.xml"), server.url("/fixed.xml")));
    const fixed = await runCliCaptured(["feeds", "--config", config]);
    expect(fixed.stdout).not.toContain("moved to");
  });
});
