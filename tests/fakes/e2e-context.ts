import type { Clock } from "../../src/domain/clock.js";
import { createCliContext, type CliContext } from "../../src/runtime/cli/cli-context.js";
import { BOT_TOKEN, SIGNING_SECRET } from "../platforms/slack/slack-test-kit.js";

/** A CLI context for in-process end-to-end tests: silent output unless `stderr` is given, a manual clock. */
export function e2eContext(env: Record<string, string>, clock: Clock, stderr: (text: string) => unknown = () => true): CliContext {
  return createCliContext({
    stdout: { write: () => true },
    stderr: { write: stderr },
    env: { PORT: "0", LOG_LEVEL: "silent", ...env },
    clock,
    stopSignal: new Promise(() => undefined),
  });
}

/** The environment of a Slack app in HTTP mode talking to a fake Slack API. */
export function slackHttpEnv(apiUrl: string): Record<string, string> {
  return { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: apiUrl };
}
