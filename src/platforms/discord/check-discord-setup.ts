import { DiscordAPIError, Routes, type REST } from "discord.js";
import type { SetupCheck } from "../../domain/setup-check.js";
import { createDiscordRest } from "./discord-rest.js";
import type { DiscordLog } from "./discord-log.js";
import { parseWebhookUrl } from "./webhook-url.js";
import { botPermissionsIn, missingPostingPermissions, type GuildChannel } from "./channel-permissions.js";

export interface DiscordSetupOptions {
  /** DISCORD_TOKEN; null when only webhooks are configured. */
  token: string | null;
  apiUrl?: string;
  /** Channel ids digests post to. */
  channelIds: string[];
  /** Webhook digests: the environment variable's name and its value (undefined when unset). */
  webhooks: Array<{ envName: string; url: string | undefined }>;
  log: DiscordLog;
}

/** Checks the bot token (`/users/@me`), that each digest channel is there for the bot, and each webhook. */
export async function checkDiscordSetup(options: DiscordSetupOptions): Promise<SetupCheck[]> {
  const checks: SetupCheck[] = [];
  if (options.token) {
    const rest = createDiscordRest({ apiUrl: options.apiUrl, token: options.token, log: options.log });
    try {
      const me = (await rest.get(Routes.user("@me"))) as { username?: string; id?: string };
      checks.push({ name: "discord token", ok: true, detail: `logged in as ${me.username ?? "?"} (${me.id ?? "?"})` });
      for (const channelId of options.channelIds) checks.push(await checkChannel(rest, channelId, me.id ?? ""));
    } catch (error) {
      checks.push({ name: "discord token", ok: false, detail: `/users/@me failed: ${discordError(error)}`, fix: "set DISCORD_TOKEN to the bot token from the Developer Portal (Bot → Reset Token)" });
    }
  } else {
    for (const channelId of options.channelIds) {
      checks.push({ name: `discord channel ${channelId}`, ok: false, detail: "a digest posts here but DISCORD_TOKEN is not set", fix: "set DISCORD_TOKEN and DISCORD_APPLICATION_ID, or post through a webhook" });
    }
  }
  for (const webhook of options.webhooks) checks.push(await checkWebhook(webhook, options));
  return checks;
}

async function checkChannel(rest: REST, channelId: string, botId: string): Promise<SetupCheck> {
  const name = `discord channel ${channelId}`;
  try {
    const channel = (await rest.get(Routes.channel(channelId))) as GuildChannel & { name?: string };
    const label = `#${channel.name ?? channelId}`;
    const permissions = await botPermissionsIn(rest, channel, botId);
    const missing = permissions === null ? [] : missingPostingPermissions(permissions);
    if (missing.length > 0) return { name, ok: false, detail: `${label}: the bot lacks ${missing.join(", ")}`, fix: "grant them to the bot's role in the channel's settings (Permissions)" };
    return { name, ok: true, detail: `${label}: the bot may post` };
  } catch (error) {
    const status = error instanceof DiscordAPIError ? error.status : null;
    if (status === 404) return { name, ok: false, detail: "no such channel", fix: "check the digest's `to:` (right-click the channel → Copy Channel ID)" };
    if (status === 403) return { name, ok: false, detail: "the bot may not see or post in this channel", fix: "invite the bot to the server, or give it View Channel and Send Messages in the channel" };
    return { name, ok: false, detail: discordError(error), fix: "try again; if it persists, check Discord's status" };
  }
}

async function checkWebhook(webhook: { envName: string; url: string | undefined }, options: DiscordSetupOptions): Promise<SetupCheck> {
  const name = `discord webhook ${webhook.envName}`;
  if (!webhook.url) return { name, ok: false, detail: `${webhook.envName} is not set`, fix: `set ${webhook.envName} to the webhook URL (channel → Integrations → Webhooks → Copy Webhook URL)` };
  const address = parseWebhookUrl(webhook.url);
  if (!address) return { name, ok: false, detail: `${webhook.envName} does not hold a Discord webhook URL`, fix: "copy the URL again from Integrations → Webhooks" };
  const rest = createDiscordRest({ apiUrl: address.apiBase, log: options.log });
  try {
    const found = (await rest.get(Routes.webhook(address.id, address.token), { auth: false })) as { name?: string };
    return { name, ok: true, detail: `webhook "${found.name ?? address.id}" answers` };
  } catch (error) {
    return { name, ok: false, detail: `the webhook does not answer: ${discordError(error)}`, fix: "it was probably deleted: create a new one and update the variable" };
  }
}

/** Discord's status and message, or the transport's; never the token or a webhook URL. */
function discordError(error: unknown): string {
  if (error instanceof DiscordAPIError) return `${error.status} ${error.message}`;
  const code = (error as { code?: string }).code;
  return code ?? (error instanceof Error ? error.name : "unknown error");
}
