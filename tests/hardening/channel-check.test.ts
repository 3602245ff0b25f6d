import { afterEach, describe, expect, it } from "vitest";
import type { Invoker } from "../../src/commands/index.js";
import { createManualClock } from "../../src/domain/clock.js";
import { openApp } from "../../src/runtime/cli/open-app.js";
import { createBriefCommandHandler } from "../../src/runtime/command-services.js";
import { writeE2eConfig } from "../fakes/e2e-config.js";
import { e2eContext, slackHttpEnv } from "../fakes/e2e-context.js";
import { startFakeDiscord } from "../fakes/fake-discord.js";
import { startFakeSlackApi } from "../fakes/fake-slack-api.js";
import { BOT_TOKEN, postToSlackApp, slashCommandForm } from "../platforms/slack/slack-test-kit.js";

let closers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const close of closers.reverse()) await close();
  closers = [];
});

const clock = createManualClock("2026-01-15T02:00:00.000Z");
const context = (env: Record<string, string>) => e2eContext(env, clock);

describe("a watch an admin sends to a channel", () => {
  it("on Slack, is refused for a channel of another workspace or one the bot is not in, and saved for a channel it can post to", async () => {
    const slack = await startFakeSlackApi({
      botToken: BOT_TOKEN,
      users: { U0ADMIN: { is_admin: true } },
      channels: [
        { id: "C0NEWS", name: "news", isMember: true },
        { id: "C0OTHER", name: "partner-news", isMember: true, teamId: "T0ELSE" },
        { id: "C0QUIET", name: "quiet", isMember: false },
      ],
    });
    closers.push(() => slack.close());
    const { app, platforms } = await openApp(context(slackHttpEnv(slack.apiUrl)), await writeE2eConfig("http://127.0.0.1:9/feed.xml"));
    closers.push(() => app.close());
    const started = await platforms.start();
    closers.push(() => platforms.stop());
    const watchIn = async (channel: string) => {
      const id = `r${slack.responses.length}-${channel}`;
      const body = slashCommandForm({ text: `watch "export controls" in <#${channel}|x>`, user_id: "U0ADMIN", response_url: slack.responseUrl(id) });
      expect((await postToSlackApp(`http://127.0.0.1:${started.slack?.port}`, body, { timestampSec: Math.floor(clock.now().getTime() / 1000) })).status).toBe(200);
      await expect.poll(() => slack.responses.find((r) => r.id === id)).toBeDefined();
      return String(slack.responses.find((r) => r.id === id)!.body.text);
    };

    expect(await watchIn("C0OTHER")).toMatch(/^No watch created: that channel belongs to another workspace/);
    expect(await watchIn("C0QUIET")).toMatch(/^No watch created: the bot is not in that channel/);
    expect(await watchIn("C0GONE")).toMatch(/^No watch created: the bot cannot see that channel/);
    expect(await watchIn("C0NEWS")).toMatch(/^Watch \d+ created/);
    expect((await app.store.allWatches()).map((watch) => watch.target)).toEqual(["slack:C0NEWS"]);
  });

  it("on Discord, is refused for a channel of another server, one the bot cannot see, or one where it may not send", async () => {
    const discord = await startFakeDiscord();
    const readOnly = discord.otherChannelId;
    closers.push(() => discord.close());
    const { app, loaded, platforms } = await openApp(
      context({ DISCORD_TOKEN: discord.token, DISCORD_APPLICATION_ID: "1300000000000000000", DISCORD_API_URL: discord.apiUrl }),
      await writeE2eConfig("http://127.0.0.1:9/feed.xml"),
    );
    closers.push(() => app.close());
    const handler = createBriefCommandHandler(app, loaded.config, platforms.checkChannel);
    const admin = (guild: string): Invoker => ({ platform: "discord", workspaceId: guild, channelId: discord.channelId, userId: "1100000000000000001", isPlatformAdmin: true });
    const watchIn = async (guild: string, channel: string) => {
      const reply = await handler.handle({ name: "watch", query: '"export controls"', channel }, admin(guild));
      return reply.kind === "text" ? reply.text : "";
    };

    expect(await watchIn("1400000000000000009", discord.channelId)).toMatch(/^No watch created: that channel belongs to another server/);
    expect(await watchIn(discord.guildId, "1499999999999999999")).toMatch(/^No watch created: the bot cannot see that channel/);
    // The server's roles let the bot post, but this channel's overwrite for @everyone denies Send Messages.
    discord.readOnlyChannels.add(readOnly);
    const refused = await watchIn(discord.guildId, readOnly);
    expect(refused).toMatch(/^No watch created: the bot lacks Send Messages in that channel/);
    expect(refused).not.toMatch(/View Channel|Embed Links/);
    expect(await app.store.allWatches()).toEqual([]);
    discord.readOnlyChannels.delete(readOnly);
    expect(await watchIn(discord.guildId, readOnly)).toMatch(/^Watch \d+ created/);
    expect((await app.store.allWatches()).map((watch) => watch.target)).toEqual([`discord:${readOnly}`]);
  });
});
