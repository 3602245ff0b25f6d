import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createManualClock } from "../../../src/domain/clock.js";
import type { GatewayLeaseOptions, SharedLease } from "../../../src/platforms/discord/gateway-lease.js";
import { createDiscordPlatform, type DiscordPlatform } from "../../../src/platforms/discord/index.js";
import { leaseTable } from "../../../src/store/postgres/lease-table.js";
import { createPgLease } from "../../../src/store/postgres/pg-lease.js";
import { createCapturedLog, type CapturedLog } from "../../fakes/captured-log.js";
import { startFakeDiscord, type FakeDiscord } from "../../fakes/fake-discord.js";
import { postgresForTests, postgresKinds, type TestPostgres } from "../../fakes/postgres-for-tests.js";
import { createRecordingCommandHandler, type RecordingCommandHandler } from "../../fakes/recording-command-handler.js";
import { BOB } from "./discord-harness.js";
import { discordPayload, outboxMessage } from "./discord-sender-harness.js";

/** One `briefing run` process as far as Discord goes; `cutOff` makes its database unreachable, as in a crash. */
interface Process {
  platform: DiscordPlatform;
  handler: RecordingCommandHandler;
  log: CapturedLog;
  connected(): boolean;
  cutOff(): void;
}

const lost = () => Promise.reject(new Error("connection to the database lost"));

describe.each(postgresKinds)("the Discord gateway under a shard lease (%s)", (kind) => {
  let pg: TestPostgres;
  let fake: FakeDiscord;
  const processes: Process[] = [];
  /** What every process logged, in order, as `name: message`. */
  const timeline: string[] = [];

  beforeEach(async () => {
    pg = await postgresForTests(kind);
    await pg.client.exec(leaseTable);
    fake = await startFakeDiscord();
  });
  afterEach(async () => {
    for (const { platform } of processes.splice(0)) await platform.stop();
    timeline.length = 0;
    await fake.close();
    await pg.close();
  });

  function startProcess(name: string, timing: Omit<GatewayLeaseOptions, "lease" | "holder">): Process {
    const shared = createPgLease(pg.client);
    let reachable = true;
    const lease: SharedLease = {
      acquire: (...args) => (reachable ? shared.acquire(...args) : lost()),
      renew: (...args) => (reachable ? shared.renew(...args) : lost()),
      release: (...args) => (reachable ? shared.release(...args) : lost()),
    };
    const handler = createRecordingCommandHandler();
    const log = createCapturedLog();
    const logged = (level: "debug" | "info" | "warn" | "error") => (fields: object, message: string) => {
      timeline.push(`${name}: ${message}`);
      log[level](fields, message);
    };
    const platform = createDiscordPlatform({
      token: fake.token,
      applicationId: fake.applicationId,
      apiUrl: fake.apiUrl,
      handler,
      admins: [],
      log: { debug: logged("debug"), info: logged("info"), warn: logged("warn"), error: logged("error") },
      clock: createManualClock("2026-01-15T02:00:00.000Z"),
      webhooks: {},
      gatewayLease: { lease, holder: name, ...timing },
    });
    const messages = (text: string) => log.entries.filter((entry) => entry.message === text).length;
    const process: Process = {
      platform,
      handler,
      log,
      connected: () => messages("connected to Discord") > messages("disconnected from Discord"),
      cutOff: () => void (reachable = false),
    };
    processes.push(process);
    return process;
  }

  const quick = { ttlMs: 1_500, renewMs: 200, retryMs: 100 };

  it("opens the gateway in exactly one process; commands reach the bot once; every process can post", async () => {
    const [a, b] = [startProcess("a", quick), startProcess("b", quick)];
    await Promise.all([a.platform.start(), b.platform.start()]);
    expect([a, b].filter((process) => process.connected())).toHaveLength(1);
    expect(fake.gateway.identifies).toHaveLength(1);
    expect(fake.gateway.readySessions()).toBe(1);
    const standby = a.connected() ? b : a;
    expect(standby.log.entries.map((entry) => entry.message)).toContain("standing by: another process holds the Discord gateway");
    expect(standby.platform.connectionProblem()).toBeNull();

    const { id } = fake.dispatch({ subcommand: "help", user: BOB });
    await fake.waitFor(() => fake.responsesTo(id).length > 0, "an answer to /brief help");
    expect(a.handler.calls.length + b.handler.calls.length).toBe(1);
    expect(standby.handler.calls).toHaveLength(0);

    for (const process of [a, b]) await process.platform.sender.send(outboxMessage(`discord:${fake.channelId}`, discordPayload("posted over REST")));
    expect(fake.messages).toHaveLength(2);
  });

  it("lets the standby take over once the holder stops renewing, and the holder closes its gateway first", async () => {
    const holder = startProcess("a", quick);
    await holder.platform.start();
    const standby = startProcess("b", quick);
    await standby.platform.start();
    expect([holder.connected(), standby.connected()]).toEqual([true, false]);

    holder.cutOff();
    await fake.waitFor(() => standby.connected(), "the standby to connect");
    expect(holder.connected()).toBe(false);
    // The holder gives the gateway up before its lease can have expired, so before the standby gets it.
    const gaveUp = timeline.indexOf("a: lost the Discord gateway lease; disconnecting");
    expect(gaveUp).toBeGreaterThanOrEqual(0);
    expect(gaveUp).toBeLessThan(timeline.indexOf("b: took the Discord gateway lease"));
    await fake.waitFor(() => fake.gateway.readySessions() === 1, "one gateway session");
    expect(fake.gateway.identifies).toHaveLength(2);
  });

  it("hands the gateway over at once when the holder stops cleanly, long before the lease would expire", async () => {
    const slowToExpire = { ttlMs: 600_000, renewMs: 200, retryMs: 100 };
    const holder = startProcess("a", slowToExpire);
    await holder.platform.start();
    const standby = startProcess("b", slowToExpire);
    await standby.platform.start();
    expect(standby.connected()).toBe(false);

    await holder.platform.stop();
    await fake.waitFor(() => standby.connected(), "the standby to connect");
    await fake.waitFor(() => fake.gateway.readySessions() === 1, "one gateway session");
  });
});
