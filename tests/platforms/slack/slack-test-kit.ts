import { createHmac } from "node:crypto";
import type { SlackLog } from "../../../src/platforms/slack/slack-log.js";

export const BOT_TOKEN = "xoxb-test-1111-2222-secretbot";
export const APP_TOKEN = "xapp-1-A0FAKE-3333-secretapp";
export const SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

/** A log that keeps every line as text, at debug level, so tests can grep it for secrets. */
export function captureLog(): SlackLog & { lines: string[]; text(): string } {
  const lines: string[] = [];
  const write = (level: string) => (fields: object, message: string) => {
    lines.push(JSON.stringify({ level, ...fields, msg: message }));
  };
  return { level: "debug", lines, text: () => lines.join("\n"), debug: write("debug"), info: write("info"), warn: write("warn"), error: write("error") };
}

/** Slack's `v0=` signature over `v0:<ts>:<body>`. */
export function signSlackBody(body: string, timestampSec: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestampSec}:${body}`).digest("hex")}`;
}

/** The form body Slack posts for a slash command. */
export function slashCommandForm(fields: Record<string, string>): string {
  return new URLSearchParams({
    token: "legacy-verification-token",
    team_id: "T0FAKE",
    team_domain: "fake",
    channel_id: "C0NEWS",
    channel_name: "news",
    user_id: "U0ALICE",
    user_name: "alice",
    command: "/brief",
    text: "help",
    api_app_id: "A0FAKE",
    trigger_id: `trigger-${Math.random().toString(36).slice(2)}`,
    response_url: "http://127.0.0.1:9/unused",
    ...fields,
  }).toString();
}

export interface PostOptions {
  path?: string;
  timestampSec: number;
  signature?: string | null;
  headers?: Record<string, string>;
}

/** Posts a form to the app as Slack would, signed unless told otherwise. */
export async function postToSlackApp(baseUrl: string, body: string, options: PostOptions): Promise<{ status: number; body: string }> {
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded", ...options.headers };
  const signature = options.signature === undefined ? signSlackBody(body, options.timestampSec) : options.signature;
  if (signature !== null) {
    headers["x-slack-signature"] = signature;
    headers["x-slack-request-timestamp"] = String(options.timestampSec);
  }
  const response = await fetch(`${baseUrl}${options.path ?? "/slack/events"}`, { method: "POST", headers, body });
  return { status: response.status, body: await response.text() };
}
