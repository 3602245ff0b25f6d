// The delivering half of the crash test (tests/delivery/crash-delivery.test.ts), run as its own process
// so that the test can SIGKILL it: the real relay, the real SQLite outbox and the real Slack and Discord
// senders, pointed at fake platforms. It drains until nothing is pending, prints "drained" and exits 0.
// Its configuration (WorkerConfig) is the first line on stdin: the harness starts the next worker while
// the current one runs, so the seconds spent loading the SDKs do not count against the test.
import { createInterface } from "node:readline";
import { systemClock } from "../../src/domain/clock.js";
import { createOutboxRelay, type Sender } from "../../src/outbox/index.js";
import { createSqliteStore, openDatabase } from "../../src/store/index.js";
import { createRealSenders } from "../delivery/real-senders.js";

export interface WorkerConfig {
  db: string;
  slackApiUrl: string;
  slackToken: string;
  discordApiUrl: string;
  discordToken: string;
  slackIntervalMs: number;
  baseBackoffMs: number;
  /**
   * When set, the process kills itself right after the platform accepted the Nth message, before the
   * outbox records it as sent: the fault-injection point between post() and commit().
   */
  killAfterSends: number | null;
}

const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const config = JSON.parse(String((await lines.next()).value)) as WorkerConfig;
const verbose = process.env.DELIVERY_WORKER_LOG === "1";
const write = (level: string) => (fields: object, message: string) => {
  if (verbose || level === "error") process.stderr.write(`${JSON.stringify({ level, ...fields, msg: message })}\n`);
};
const log = { debug: write("debug"), info: write("info"), warn: write("warn"), error: write("error") };

const store = createSqliteStore(openDatabase(config.db));
const senders = createRealSenders({
  slack: { apiUrl: config.slackApiUrl, token: config.slackToken, intervalMs: config.slackIntervalMs },
  discord: { apiUrl: config.discordApiUrl, token: config.discordToken },
  log,
  clock: systemClock,
});

let accepted = 0;
function killingAfterAccept(sender: Sender): Sender {
  return {
    async send(message) {
      const result = await sender.send(message);
      accepted += 1;
      if (accepted === config.killAfterSends) {
        process.kill(process.pid, "SIGKILL");
        await new Promise(() => undefined);
      }
      return result;
    },
  };
}

const relay = createOutboxRelay({
  store,
  senderFor: (target) => {
    const sender = senders.senderFor(target);
    return sender && killingAfterAccept(sender);
  },
  clock: systemClock,
  log,
  baseBackoffMs: config.baseBackoffMs,
});

process.stdout.write("ready\n");
for (;;) {
  await relay.drain();
  const pending = await store.listOutbox(["pending"]);
  if (pending.length === 0) break;
  const next = Math.min(...pending.map((m) => Date.parse(m.nextAttemptAt)));
  await new Promise((resolve) => setTimeout(resolve, Math.min(Math.max(next - Date.now(), 10), 500)));
}
process.stdout.write("drained\n");
await store.close();
process.exit(0);
