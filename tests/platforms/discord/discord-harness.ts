import { createManualClock } from "../../../src/domain/clock.js";
import { createDiscordPlatform, type DiscordPlatform, type DiscordPlatformOptions } from "../../../src/platforms/discord/index.js";
import { createCapturedLog, type CapturedLog } from "../../fakes/captured-log.js";
import { startFakeDiscord, type FakeDiscord, type FakeDiscordOptions, type FakeUser } from "../../fakes/fake-discord.js";
import { createRecordingCommandHandler, type RecordingCommandHandler } from "../../fakes/recording-command-handler.js";

export const ALICE: FakeUser = { id: "1300000000000000101", username: "alice" };
export const BOB: FakeUser = { id: "1300000000000000102", username: "bob" };
/** On the platform's admin allow-list, without Manage Server. */
export const CAROL: FakeUser = { id: "1300000000000000103", username: "carol" };

export interface Harness {
  fake: FakeDiscord;
  platform: DiscordPlatform;
  handler: RecordingCommandHandler;
  log: CapturedLog;
  close(): Promise<void>;
}

/** The real discord.js client logged in to a fake Discord, with a recording command handler. */
export async function startHarness(
  options: { fake?: FakeDiscordOptions; handler?: RecordingCommandHandler; platform?: Partial<DiscordPlatformOptions>; start?: boolean } = {},
): Promise<Harness> {
  const fake = await startFakeDiscord(options.fake);
  const handler = options.handler ?? createRecordingCommandHandler();
  const log = createCapturedLog();
  const platform = createDiscordPlatform({
    token: fake.token,
    applicationId: fake.applicationId,
    apiUrl: fake.apiUrl,
    handler,
    admins: [CAROL.id],
    log,
    clock: createManualClock("2026-01-15T02:00:00.000Z"),
    webhooks: {},
    ...options.platform,
  });
  if (options.start !== false) await platform.start();
  return {
    fake,
    platform,
    handler,
    log,
    async close() {
      await platform.stop();
      await fake.close();
    },
  };
}
