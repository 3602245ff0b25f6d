import type { Clock } from "../../src/domain/clock.js";
import type { BriefingApp } from "../../src/runtime/app.js";
import { createCliContext, type CliContext } from "../../src/runtime/cli/cli-context.js";
import { openApp } from "../../src/runtime/cli/open-app.js";
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

/** Opens the app as `briefing run` would and starts its platforms; what to close is pushed onto `closers`, in order. */
export async function startE2eApp(env: Record<string, string>, clock: Clock, configFile: string, closers: Array<() => Promise<unknown>>): Promise<{ app: BriefingApp; slackUrl: string }> {
  const opened = await openApp(e2eContext(env, clock), configFile);
  closers.push(() => opened.app.close());
  const started = await opened.platforms.start();
  closers.push(() => opened.platforms.stop());
  return { app: opened.app, slackUrl: `http://127.0.0.1:${started.slack?.port ?? 0}` };
}
