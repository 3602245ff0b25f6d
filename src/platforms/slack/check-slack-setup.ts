import { webApi } from "@slack/bolt";
import type { SetupCheck } from "../../domain/setup-check.js";

/** The scopes the bot uses (docs/slack.md says what for). */
export const SLACK_SCOPES = ["commands", "chat:write", "im:write", "users:read", "channels:read", "groups:read", "channels:history", "groups:history", "im:history"] as const;

export interface SlackSetupOptions {
  botToken: string;
  apiUrl?: string;
  /** Digest targets without the `slack:` prefix: `#name`, `C0123` or `@U0123`. */
  channels: string[];
}

/** Checks the bot token (auth.test), its scopes, and that each digest channel exists with the bot in it. */
export async function checkSlackSetup(options: SlackSetupOptions): Promise<SetupCheck[]> {
  const client = new webApi.WebClient(options.botToken, {
    slackApiUrl: withTrailingSlash(options.apiUrl ?? "https://slack.com/api/"),
    retryConfig: { retries: 0 },
    timeout: 10_000,
    logLevel: webApi.LogLevel.ERROR,
  });
  let auth: webApi.AuthTestResponse;
  try {
    auth = await client.auth.test();
  } catch (error) {
    return [{ name: "slack token", ok: false, detail: `auth.test failed: ${slackError(error)}`, fix: "set SLACK_BOT_TOKEN to the Bot User OAuth Token (xoxb-…) under OAuth & Permissions, then reinstall the app if Slack asks" }];
  }
  const checks: SetupCheck[] = [{ name: "slack token", ok: true, detail: `bot ${auth.user ?? auth.user_id ?? "?"} in workspace ${auth.team ?? auth.team_id ?? "?"}` }];
  const granted = auth.response_metadata?.scopes;
  if (granted) {
    const missing = SLACK_SCOPES.filter((scope) => !granted.includes(scope));
    checks.push(
      missing.length === 0
        ? { name: "slack scopes", ok: true, detail: "every scope the bot uses is granted" }
        : { name: "slack scopes", ok: false, detail: `missing ${missing.join(", ")}`, fix: "add them under OAuth & Permissions → Bot Token Scopes and reinstall the app" },
    );
  }
  if (options.channels.some((channel) => !channel.startsWith("@"))) checks.push(...(await checkChannels(client, options.channels)));
  return checks;
}

async function checkChannels(client: webApi.WebClient, channels: string[]): Promise<SetupCheck[]> {
  const known: Array<{ id: string; name: string; isMember: boolean }> = [];
  try {
    let cursor: string | undefined;
    do {
      const page = await client.conversations.list({ types: "public_channel,private_channel", exclude_archived: true, limit: 1000, cursor });
      for (const channel of page.channels ?? []) if (channel.id) known.push({ id: channel.id, name: channel.name ?? "", isMember: channel.is_member === true });
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
  } catch (error) {
    return [{ name: "slack channels", ok: false, detail: `conversations.list failed: ${slackError(error)}`, fix: "grant channels:read and groups:read, then reinstall the app" }];
  }
  return channels
    .filter((channel) => !channel.startsWith("@"))
    .map((channel): SetupCheck => {
      const name = `slack channel ${channel}`;
      const found = known.find((entry) => (channel.startsWith("#") ? `#${entry.name}` === channel : entry.id === channel));
      if (!found) return { name, ok: false, detail: "no such channel the bot can see (or it is archived)", fix: "check the digest's `to:`; for a private channel, invite the bot first" };
      if (!found.isMember) return { name, ok: false, detail: `#${found.name} exists but the bot is not in it`, fix: `type /invite @<bot name> in #${found.name}` };
      return { name, ok: true, detail: `#${found.name}: the bot is a member and may post` };
    });
}

/** Slack's error code (`invalid_auth`, `missing_scope`), or the transport's message; never the token. */
function slackError(error: unknown): string {
  const data = (error as { data?: { error?: string } }).data;
  if (data?.error) return data.error;
  return (error as { code?: string }).code ?? (error as Error).message;
}

function withTrailingSlash(url: string): string {
  return url.endsWith("/") ? url : `${url}/`;
}
