import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MASK, maskUrl, maskUrlsInText } from "../../src/domain/mask-url.js";
import { FetchError } from "../../src/ingest/fetch-error.js";
import { parseFeedUrl } from "../../src/ingest/feed-url.js";
import { createManualClock } from "../../src/domain/clock.js";
import { openApp } from "../../src/runtime/cli/open-app.js";
import { createBriefCommandHandler } from "../../src/runtime/command-services.js";
import { writeE2eConfig } from "../fakes/e2e-config.js";
import { e2eContext } from "../fakes/e2e-context.js";
import { redirect, serveFeed, startFeedServer, status, type FeedServer } from "../fakes/feed-server.js";
import { runCliCaptured } from "../fakes/run-cli.js";

const SECRETS = ["s3cretpw", "tok-123", "tok-456", "reader:"];
const feed = `<rss version="2.0"><channel><title>Wire</title><item><title>Export controls tightened</title><guid>w-1</guid></item></channel></rss>`;
let server: FeedServer;

beforeAll(async () => {
  server = await startFeedServer();
  server.route("/old.xml", redirect("/new.xml?token=tok-456", 301));
  server.route("/new.xml", serveFeed({ body: feed }));
  server.route("/gone.xml", status(404, {}, "no"));
});
afterAll(() => server.close());

const withSecrets = (path: string) => server.url(path).replace("http://", "http://reader:s3cretpw@") + "?token=tok-123";

describe("secrets in feed URLs", () => {
  it.each([
    ["https://reader:pw@example.org/feed", `https://${MASK}@example.org/feed`],
    ["https://example.org/feed?token=abc&page=2", `https://example.org/feed?token=${MASK}&page=2`],
    ["https://example.org/rss?api_key=k&sig=s&access_token=t&keyword=china", `https://example.org/rss?api_key=${MASK}&sig=${MASK}&access_token=${MASK}&keyword=china`],
    ["https://hooks.slack.com/services/T0/B0/xyz", `https://hooks.slack.com/services/${MASK}`],
    ["https://discord.com/api/webhooks/123/abc", `https://discord.com/api/webhooks/123/${MASK}`],
    ["https://example.org/feed.xml", "https://example.org/feed.xml"],
  ])("maskUrl(%s) = %s", (input, masked) => {
    expect(maskUrl(input)).toBe(masked);
  });

  it("masks URLs inside free text such as an error message", () => {
    expect(maskUrlsInText("GET https://u:p@example.org/f?token=t failed")).toBe(`GET https://${MASK}@example.org/f?token=${MASK} failed`);
  });

  it("never shows credentials or tokens in briefing feeds (text, JSON), /brief feeds, or the log", async () => {
    const config = await writeE2eConfig(withSecrets("/old.xml"));
    const poll = await runCliCaptured(["poll", "--once", "--config", config]);
    expect(poll.code).toBe(0);
    expect(poll.stderr).toMatch(/moved permanently/);

    const text = await runCliCaptured(["feeds", "--config", config]);
    expect(text.stdout).toContain(`wire  http://${MASK}@127.0.0.1`);
    expect(text.stdout).toContain(`token=${MASK}`);
    const json = await runCliCaptured(["feeds", "--config", config, "--json"]);

    const ctx = e2eContext({}, createManualClock("2026-01-15T02:00:00.000Z"));
    const { app, loaded } = await openApp(ctx, config);
    const handler = createBriefCommandHandler(app, loaded.config);
    const reply = await handler.handle({ name: "feeds" }, { platform: "slack", workspaceId: "T1", channelId: "C1", userId: "U1", isPlatformAdmin: true });
    await app.close();

    for (const shown of [poll.stdout, poll.stderr, text.stdout, json.stdout, JSON.stringify(reply)]) {
      for (const secret of SECRETS) expect(shown).not.toContain(secret);
    }
  });

  it("masks a failing feed's URL wherever its error is shown", async () => {
    const config = await writeE2eConfig(withSecrets("/gone.xml"));
    const poll = await runCliCaptured(["poll", "--once", "--config", config], { env: { LOG_LEVEL: "debug" } });
    const text = await runCliCaptured(["feeds", "--config", config]);
    expect(text.stdout).toMatch(/failing|paused/);
    for (const shown of [poll.stdout, poll.stderr, text.stdout]) {
      for (const secret of SECRETS) expect(shown).not.toContain(secret);
    }
  });
});

describe("the chat-webhook block", () => {
  it.each(["https://hooks.slack.com./services/T0/B0/xyz", "https://HOOKS.SLACK.COM./services/T0/B0/xyz", "https://discord.com./api/webhooks/1/abc"])(
    "refuses %s, however the host is spelled",
    (url) => {
      const error = (() => {
        try {
          parseFeedUrl(url);
          return null;
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(FetchError);
      expect((error as FetchError).message).toBe("that URL is a chat webhook, not a feed");
    },
  );
});
